import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { latestEmailTo, linkIn, queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

// Demo owners (prisma/seed.ts): ENTECH → Olivia Owner, NORTHWIND → Oscar Owner.
const ENTECH_OWNER = "owner@entech.example";
const NORTHWIND_OWNER = "owner@northwind.example";

/** Files a ticket through the console's own API, as the signed-in agent. */
async function fileTicket(request: APIRequestContext, org: string, subject: string, reporterEmail: string): Promise<{ id: string; number: string }> {
  const [organisation] = await queryDb<{ id: string }>(`SELECT id FROM "Organisation" WHERE label = $1`, [org]);
  const response = await request.post("/api/trpc/helpdesk.tickets.create", {
    data: {
      json: {
        organisationId: organisation!.id,
        subject,
        description: `${subject}: the team would like this done this month. Budget about two days of work.`,
        type: "service_upgrade",
        priority: "normal",
        reporterName: "Eli Entech",
        reporterEmail,
      },
    },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: { id: string; number: string } } } }).result.data.json;
}

/** Every approval link in a mail text, in order of the cards. */
function approvalLinks(text: string): string[] {
  return text.match(/https?:\/\/\S+\/approve\/[A-Za-z0-9_-]+\/(?:approve|reject)/g) ?? [];
}

/** The owner has no account: a fresh browser context with no cookies. */
async function asOwner<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

async function confirmAsOwner(page: Page, link: string, decision: "approve" | "reject", comment?: string) {
  await page.goto(link);
  if (comment) await page.getByLabel("Comment (optional)").fill(comment);
  await page.getByRole("button", { name: decision === "approve" ? "Confirm approval" : "Confirm rejection" }).click();
  await expect(page.getByRole("heading", { name: "Thank you — your decision is recorded" })).toBeVisible();
}

test.describe.serial("owner approvals", () => {
  test.use({ storageState: STORAGE.agent });
  const stamp = Date.now().toString(36).toUpperCase();
  let ticket: { id: string; number: string };
  let approveLink = "";
  let bulkTickets: Array<{ id: string; number: string }> = [];

  test("an agent requests approval with an AI-drafted summary and a note", async ({ page }) => {
    ticket = await fileTicket(page.request, "ENTECH", `New dispatch board ${stamp}`, "user@entech.example");
    await page.goto(`/tickets/${ticket.number}`);
    const panel = page.getByTestId("ticket-approval-panel");
    await expect(panel).toContainText("Not requested");
    await panel.getByRole("button", { name: "Request owner approval" }).click();

    const wizard = page.getByRole("dialog", { name: "Request owner approval" });
    await expect(wizard.getByLabel("Owner", { exact: true })).toHaveValue("Olivia Owner");
    await expect(wizard.getByLabel("Owner e-mail")).toHaveValue(ENTECH_OWNER);
    await expect(wizard.getByText(/sent to the configured AI service/)).toBeVisible();
    // The fake OpenAI server answers the five bullets for this subject.
    const summary = wizard.getByLabel("Summary");
    await expect(summary).toHaveValue(new RegExp(`The ask: the client wants "New dispatch board ${stamp}" done`));
    await summary.fill(`${await summary.inputValue()}\n• Edited by the agent: two days of work.`);
    await wizard.getByLabel("Personal note (optional)").fill("Olivia, this is the board we discussed.");
    await wizard.getByRole("button", { name: "Send request" }).click();
    await expect(wizard).toBeHidden();
    await expect(page.getByTestId("approval-state-pill").first()).toHaveText("Awaiting approval from Olivia Owner");

    const mail = await latestEmailTo(ENTECH_OWNER, `Action needed: please review request "New dispatch board ${stamp}"`);
    expect(mail.text).toContain("Olivia, this is the board we discussed.");
    expect(mail.text).toContain("• Edited by the agent: two days of work.");
    expect(mail.html).toContain("Full request");
    approveLink = linkIn(mail.text, "/approve/");
    expect(approveLink).toMatch(/\/approve$/);
  });

  test("the owner opens the link, comments and confirms; the agent sees 'Approved by'", async ({ browser, page }) => {
    await asOwner(browser, async (owner) => {
      await owner.goto(approveLink);
      await expect(owner.getByRole("heading", { name: `New dispatch board ${stamp}` })).toBeVisible();
      await expect(owner.getByRole("region", { name: "Summary" })).toContainText("Edited by the agent");
      await confirmAsOwner(owner, approveLink, "approve", "Go ahead, within the two days.");
    });

    await page.goto(`/tickets/${ticket.number}`);
    await expect(page.getByTestId("approval-state-pill").first()).toHaveText("Approved by Olivia Owner");
    await expect(page.getByRole("tabpanel", { name: /Conversation/ }).getByText("Go ahead, within the two days.")).toBeVisible();
    const rows = await queryDb<{ state: string; decisionComment: string }>(
      `SELECT state, "decisionComment" FROM "ApprovalEngagement" WHERE "ticketId" = $1`,
      [ticket.id],
    );
    expect(rows).toEqual([{ state: "approved", decisionComment: "Go ahead, within the two days." }]);
    // The agent who asked is told by e-mail.
    const notice = await latestEmailTo("agent@switchboard.local", `${ticket.number}: approved by Olivia Owner`);
    expect(notice.text).toContain(`/tickets/${ticket.number}`);
  });

  test("the client user sees the decision in My Tickets", async ({ browser }) => {
    const context = await browser.newContext({ storageState: STORAGE.entechUser });
    const page = await context.newPage();
    await page.goto("/my-tickets");
    const row = page.locator(`[data-testid="inbox-row"][data-number="${ticket.number}"]`);
    await expect(row.getByTestId("approval-state-pill")).toHaveText("Approved by Olivia Owner");
    await row.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/my-tickets/${ticket.number}$`));
    await expect(page.getByText("Approved by Olivia Owner").first()).toBeVisible();
    await expect(page.getByText("Go ahead, within the two days.")).toBeVisible();
    await context.close();
  });

  test("a client admin edits the owner contact in My Tickets; a client user only reads it", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: STORAGE.entechAdmin });
    const page = await admin.newPage();
    await page.goto("/my-tickets");
    await page.getByRole("link", { name: "Owner contact" }).click();
    await expect(page.getByRole("heading", { name: "Owner contact" })).toBeVisible();
    await expect(page.getByLabel("Owner name")).toHaveValue("Olivia Owner");
    await page.getByLabel("Owner e-mail").fill("not-an-address");
    await page.getByRole("button", { name: "Save owner contact" }).click();
    await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
    // Saving the same owner again keeps the demo data as it was.
    await page.getByLabel("Owner e-mail").fill(ENTECH_OWNER);
    await page.getByRole("button", { name: "Save owner contact" }).click();
    await expect(page.getByText("Owner contact saved", { exact: true })).toBeVisible();
    await admin.close();

    const user = await browser.newContext({ storageState: STORAGE.entechUser });
    const userPage = await user.newPage();
    await userPage.goto("/settings/owner");
    await expect(userPage.getByText("Only your organisation's admins can change this.")).toBeVisible();
    await expect(userPage.getByRole("button", { name: "Save owner contact" })).toHaveCount(0);
    await user.close();
  });

  test("the same link then shows 'no longer valid', as do unknown and malformed links", async ({ browser }) => {
    await asOwner(browser, async (owner) => {
      for (const link of [approveLink, approveLink.replace(/\/approve\/[^/]+\//, `/approve/${"A".repeat(43)}/`), "/approve/not-a-token/approve", approveLink.replace(/approve$/, "maybe")]) {
        const response = await owner.goto(link);
        expect(response?.status()).toBe(200);
        await expect(owner.getByRole("heading", { name: "This link is no longer valid" })).toBeVisible();
        await expect(owner.getByRole("link", { name: /support@/ })).toBeVisible();
      }
    });
  });

  test("a bulk request for three tickets sends one e-mail whose cards are decided separately", async ({ browser, page }) => {
    const subjects = ["Printer fleet", "Door access", "Guest Wi-Fi"].map((s) => `${s} ${stamp}`);
    const tickets: Array<{ id: string; number: string }> = [];
    for (const subject of subjects) tickets.push(await fileTicket(page.request, "NORTHWIND", subject, "user@northwind.example"));
    bulkTickets = tickets;
    const entech = await fileTicket(page.request, "ENTECH", `Other client ${stamp}`, "user@entech.example");

    await page.goto(`/tickets?q=${stamp}&status=any`);
    for (const t of tickets) await expect(page.getByRole("link", { name: t.number })).toBeVisible();

    // Refused before the wizard opens: two organisations.
    await page.getByRole("checkbox", { name: `Select ${tickets[0]!.number}` }).check();
    await page.getByRole("checkbox", { name: `Select ${entech.number}` }).check();
    await page.getByRole("button", { name: "Request approval (2)" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "belong to 2 organisations" })).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.getByRole("checkbox", { name: `Select ${entech.number}` }).uncheck();

    for (const t of tickets.slice(1)) await page.getByRole("checkbox", { name: `Select ${t.number}` }).check();
    await page.getByRole("button", { name: "Request approval (3)" }).click();
    const wizard = page.getByRole("dialog", { name: "Request owner approval for 3 tickets" });
    for (const t of tickets) await expect(wizard.getByLabel(`Summary for ${t.number}`)).toHaveValue(/The ask:/);
    await wizard.getByRole("button", { name: "Send 3 requests" }).click();
    await expect(wizard).toBeHidden();

    const mail = await latestEmailTo(NORTHWIND_OWNER, "Action needed: please review 3 requests from NORTHWIND");
    expect(await queryDb(`SELECT id FROM "OutboxEmail" WHERE "to" = $1 AND subject LIKE $2`, [NORTHWIND_OWNER, "%3 requests%"])).toHaveLength(1);
    for (const n of [1, 2, 3]) expect(mail.text).toContain(`Request ${n} of 3`);
    const links = approvalLinks(mail.text);
    expect(links).toHaveLength(6);

    await asOwner(browser, async (owner) => {
      await confirmAsOwner(owner, links[0]!, "approve");
      await confirmAsOwner(owner, links[3]!, "reject", "Not this quarter.");
      // The third card is untouched and still open.
      await owner.goto(links[4]!);
      await expect(owner.getByRole("button", { name: "Confirm approval" })).toBeVisible();
    });

    const states = await queryDb<{ number: string; state: string }>(
      `SELECT t.number, e.state FROM "ApprovalEngagement" e JOIN "Ticket" t ON t.id = e."ticketId" WHERE e."ticketId" = ANY($1)`,
      [tickets.map((t) => t.id)],
    );
    expect(Object.fromEntries(states.map((s) => [s.number, s.state]))).toEqual({
      [tickets[0]!.number]: "approved",
      [tickets[1]!.number]: "rejected",
      [tickets[2]!.number]: "pending",
    });

    await page.goto(`/tickets?q=${stamp}&status=any`);
    const pills = page.getByTestId("approval-state-pill");
    await expect(pills.filter({ hasText: "Approved by Oscar Owner" })).toHaveCount(1);
    await expect(pills.filter({ hasText: "Rejected by Oscar Owner" })).toHaveCount(1);
    await expect(pills.filter({ hasText: "Awaiting approval from Oscar Owner" })).toHaveCount(1);
  });

  test("the Approvals page reports the requests and lists one pending more than 7 days", async ({ page }) => {
    // The bulk request's third card, still pending, as if sent 8 days ago.
    await queryDb(`UPDATE "ApprovalEngagement" SET "sentAt" = $1 WHERE "ticketId" = $2`, [new Date(Date.now() - 8 * 86_400_000).toISOString(), bulkTickets[2]!.id]);
    await page.goto("/approvals");
    await expect(page.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
    await expect(page.getByTestId("approvals-matrix-NORTHWIND")).toBeVisible();
    const list = page.getByRole("table", { name: "Approval requests", exact: true });
    await expect(list).toContainText(`Printer fleet ${stamp}`);
    await page.getByRole("tab", { name: "Pending > 7 days" }).click();
    const stuck = page.getByRole("table", { name: "Requests pending more than 7 days", exact: true });
    await expect(stuck).toContainText(`Guest Wi-Fi ${stamp}`);
    await expect(stuck).not.toContainText(`Printer fleet ${stamp}`);
  });
});
