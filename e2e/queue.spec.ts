import { expect, test, type Browser, type Page } from "@playwright/test";
import { fileConsoleTicket } from "./support/console-api";
import { latestEmailTo, queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

// The agent's queue: assignee filter, breached-first sort, bulk assign with a
// result per ticket, and the "customer replied" marker, badge and e-mail.
const AGENT_EMAIL = "agent@switchboard.local";
const stamp = `${Date.now().toString(36)}q`;

async function as<T>(browser: Browser, storageState: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState });
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

test.describe("agent queue", () => {
  test.use({ storageState: STORAGE.agent });
  let tickets: Array<{ id: string; number: string }> = [];

  test("filters by assignee, sorts breached first, and bulk-assigns with a result per ticket", async ({ page }) => {
    tickets = [
      await fileConsoleTicket(page.request, { org: "ENTECH", subject: `Queue calm ${stamp}`, reporterEmail: "user@entech.example" }),
      await fileConsoleTicket(page.request, { org: "ENTECH", subject: `Queue breached ${stamp}`, reporterEmail: "user@entech.example" }),
    ];
    // As the SLA sweep stores it: the second ticket missed its deadline an hour ago.
    await queryDb(`UPDATE "Ticket" SET "slaState" = 'breached', "queueRank" = 0, "nearestDueAt" = now() - interval '1 hour', "queueDueAt" = now() - interval '1 hour' WHERE id = $1`, [tickets[1]!.id]);

    await page.goto(`/tickets?q=${stamp}`);
    const rows = page.getByRole("table", { name: "Tickets" }).locator("tbody tr");
    await expect(rows).toHaveCount(2);
    // Default sort: breached first (the calm ticket has the sooner or no deadline otherwise).
    await expect(rows.first()).toContainText(`Queue breached ${stamp}`);

    // The server-rendered select answers once React has hydrated it: retry the choice until it takes.
    await expect(async () => {
      await page.getByLabel("Assignee").selectOption({ label: "Mine" });
      await expect(page).toHaveURL(/assignee=me/, { timeout: 1_000 });
    }).toPass();
    await expect(page.getByText("No tickets match these filters")).toBeVisible();
    await page.getByLabel("Assignee").selectOption({ label: "Unassigned" });
    await expect(rows).toHaveCount(2);

    for (const t of tickets) await page.getByRole("checkbox", { name: `Select ${t.number}` }).check();
    await page.getByLabel("Bulk action", { exact: true }).selectOption({ label: "Assign to Sam Agent" });
    await page.getByRole("button", { name: "Apply to 2" }).click();
    const results = page.getByRole("list", { name: "Result per ticket" });
    for (const t of tickets) await expect(results.getByRole("listitem").filter({ hasText: t.number })).toContainText("changed");
    await expect(page.getByRole("status").filter({ hasText: "2 of 2 tickets done" })).toBeVisible();

    await page.getByLabel("Assignee").selectOption({ label: "Mine" });
    await expect(rows).toHaveCount(2);
    const assigned = await queryDb<{ email: string }>(`SELECT u.email FROM "Ticket" t JOIN "User" u ON u.id = t."assigneeId" WHERE t.id = ANY($1)`, [tickets.map((t) => t.id)]);
    expect(assigned.map((a) => a.email)).toEqual([AGENT_EMAIL, AGENT_EMAIL]);
  });

  test("a customer reply marks the ticket, e-mails and badges the assignee, and opening it reads it", async ({ browser, page }) => {
    const [, breached] = tickets;
    const body = `The door still does not open (${stamp}).`;
    await as(browser, STORAGE.entechUser, async (client) => {
      await client.goto(`/my-tickets/${breached!.number}`);
      await client.getByLabel("Your reply").fill(body);
      await client.getByRole("button", { name: "Send reply" }).click();
      await expect(client.getByTestId("thread-message").filter({ hasText: body })).toBeVisible();
    });

    const mail = await latestEmailTo(AGENT_EMAIL, `Customer replied: Queue breached ${stamp}%`);
    expect(mail.text).toContain(body);
    expect(mail.text).toContain(`/tickets/${breached!.number}`);

    await page.goto(`/tickets?q=${stamp}&assignee=me`);
    const row = page.getByRole("table", { name: "Tickets" }).locator("tbody tr").filter({ hasText: breached!.number });
    await expect(row.getByText("Customer replied")).toBeVisible();
    await expect(row.getByText("(unread)")).toBeAttached();
    await expect(page.getByTestId("unread-replies-badge")).toBeVisible();

    await row.getByRole("link", { name: breached!.number }).click();
    await expect(page.getByTestId("ticket-number")).toHaveText(breached!.number);
    await expect.poll(async () => (await queryDb(`SELECT 1 FROM "TicketReadState" r JOIN "User" u ON u.id = r."userId" WHERE u.email = $1 AND r."ticketId" = $2`, [AGENT_EMAIL, breached!.id])).length).toBe(1);
    await page.goto(`/tickets?q=${stamp}&assignee=me`);
    await expect(row.getByText("Customer replied")).toBeVisible();
    await expect(row.getByText("(unread)")).toHaveCount(0);
  });

  test("saves a named, shared view and opens it again", async ({ page }) => {
    await page.goto(`/tickets?assignee=me&sla=breached`);
    const dialog = page.getByRole("dialog", { name: "Save this view" });
    await expect(async () => {
      await page.getByRole("button", { name: "Save view" }).click();
      await expect(dialog).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await dialog.getByLabel("Name").fill(`My breached ${stamp}`);
    await dialog.getByLabel("Share with every agent").check();
    await dialog.getByRole("button", { name: "Save view" }).click();
    await expect(dialog).toBeHidden();
    await page.goto("/tickets");
    await expect(async () => {
      await page.getByLabel("Saved view").selectOption({ label: `My breached ${stamp} (shared)` });
      await expect(page).toHaveURL(/assignee=me/, { timeout: 1_000 });
    }).toPass();
    await expect(page).toHaveURL(/sla=breached/);
  });
});
