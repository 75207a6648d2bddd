import { expect, test, type Browser, type Page } from "@playwright/test";
import { latestEmailTo, linkIn, queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

// Demo data (prisma/seed/helpdesk.ts): Entech's "VPN drops every 20 minutes" is
// Eli's (user@entech.example); "Add five seats to the VoIP plan" is Erin's
// (admin@entech.example).

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function as<T>(browser: Browser, storageState: string | undefined, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext(storageState ? { storageState } : {});
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Sends a public reply from the console's ticket page. */
async function agentReplies(page: Page, number: string, body: string) {
  await page.goto(`/tickets/${number}`);
  await expect(page.getByTestId("ticket-number")).toHaveText(number);
  await page.getByLabel(/^Public reply/).fill(body);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByTestId("thread-message").filter({ hasText: body })).toBeVisible();
}

async function seededNumber(org: string, subject: string): Promise<string> {
  const [row] = await queryDb<{ number: string }>(
    `SELECT t.number FROM "Ticket" t JOIN "Organisation" o ON o.id = t."organisationId" WHERE o.label = $1 AND t.subject = $2`,
    [org, subject],
  );
  if (!row) throw new Error(`No seeded ticket "${subject}" at ${org}`);
  return row.number;
}

test.describe("helpdesk", () => {
  test("an agent files and answers a ticket; the reporter follows the e-mailed link, sees the reply and answers from it", async ({ browser }) => {
    const id = stamp();
    const reporter = `rita.${id}@entech.example`;
    const subject = `Fibre box blinking red ${id}`;
    const replyText = `We are sending a technician tomorrow morning (${id}).`;
    const answer = `Thanks, someone will be on site from 8 (${id}).`;

    const number = await as(browser, STORAGE.agent, async (page) => {
      await page.goto("/tickets");
      await page.getByRole("button", { name: "New ticket" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Organisation").selectOption({ label: "ENTECH · Entech Solutions" });
      await dialog.getByLabel("Type").selectOption({ label: "Equipment issue" });
      await dialog.getByLabel("Reporter name").fill("Rita Reporter");
      await dialog.getByLabel("Reporter e-mail").fill(reporter);
      await dialog.getByLabel("Subject").fill(subject);
      await dialog.getByLabel("Description").fill("The fibre box in the hallway blinks red since this morning.");
      await dialog.getByLabel("Priority").selectOption({ label: "High" });
      await dialog.getByRole("button", { name: "File ticket" }).click();
      await expect(page.getByRole("heading", { name: subject })).toBeVisible();
      const filed = (await page.getByTestId("ticket-number").textContent())!.trim();
      expect(filed).toMatch(/^TCK-[A-Z0-9]{12}$/);
      // Three separate SLA deadlines are shown.
      await expect(page.getByTestId("sla-first_response")).toBeVisible();
      await expect(page.getByTestId("sla-resolution")).toBeVisible();

      await agentReplies(page, filed, replyText);
      return filed;
    });

    // The acknowledgement and the reply each carry the reporter's own link.
    const ack = await latestEmailTo(reporter, `We received your request [${number}]`);
    expect(linkIn(ack.text, "/t/")).toMatch(/\/t\/[A-Za-z0-9_-]{43}$/);
    const mail = await latestEmailTo(reporter, `Re: ${subject} [${number}]`);
    expect(mail.text).toContain(replyText);
    const link = linkIn(mail.text, "/t/");

    await as(browser, undefined, async (page) => {
      await page.goto(link);
      await expect(page.getByTestId("ticket-number")).toHaveText(number);
      await expect(page.getByTestId("thread-message").filter({ hasText: replyText })).toBeVisible();
      await expect(page.getByTestId("link-recipient")).toContainText(reporter);
      await page.getByLabel("Your reply").fill(answer);
      await page.getByRole("button", { name: "Send reply" }).click();
      const mine = page.getByTestId("thread-message").filter({ hasText: answer });
      await expect(mine).toBeVisible();
      await expect(mine).toContainText("Rita Reporter");
      await expect(mine).toContainText("Via e-mail link");

      // A wrong link reveals nothing.
      await page.goto(`/t/${"x".repeat(43)}`);
      await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
    });

    await as(browser, STORAGE.agent, async (page) => {
      await page.goto(`/tickets/${number}`);
      await expect(page.getByTestId("thread-message").filter({ hasText: answer })).toContainText("Rita Reporter");
      await page.getByRole("tab", { name: /Trail/ }).click();
      await expect(page.getByTestId("trail-event").filter({ hasText: "First response by" })).toBeVisible();
    });
  });

  test("a client user files a ticket, sees the agent's reply with an unread dot, opens it and the dot clears", async ({ browser }) => {
    const id = stamp();
    const subject = `Scanner cannot reach the file share ${id}`;
    const replyText = `Please restart the scanner once; we re-enabled SMB2 (${id}).`;

    const userContext = await browser.newContext({ storageState: STORAGE.entechUser });
    const page = await userContext.newPage();
    await page.goto("/my-tickets/new");
    await expect(page.getByLabel("Your e-mail")).toHaveValue("user@entech.example");
    await expect(page.getByLabel("Your name")).toHaveValue("Eli Entech");
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("What happened?").fill("Scan to folder fails with 'server unreachable'.");
    await page.getByRole("button", { name: "File ticket" }).click();
    await expect(page).toHaveURL(/\/my-tickets\/TCK-[A-Z0-9]{12}$/);
    await expect(page.getByRole("heading", { name: subject })).toBeVisible();
    const number = page.url().split("/").pop()!;

    await as(browser, STORAGE.agent, (agent) => agentReplies(agent, number, replyText));

    await page.goto("/my-tickets");
    const row = page.locator(`[data-testid="inbox-row"][data-number="${number}"]`);
    await expect(row.getByTestId("unread-dot")).toBeVisible();
    const badge = page.getByTestId("unread-badge");
    await expect(badge).toBeVisible();
    const before = Number.parseInt((await badge.textContent()) ?? "0", 10);
    expect(before).toBeGreaterThanOrEqual(1);

    const seen = page.waitForResponse((r) => r.url().includes("helpdesk.inbox.markSeen") && r.ok());
    await row.getByRole("link").click();
    await expect(page.getByTestId("thread-message").filter({ hasText: replyText })).toBeVisible();
    await seen;

    await page.goto("/my-tickets");
    await expect(page.locator(`[data-testid="inbox-row"][data-number="${number}"]`)).toHaveAttribute("data-unread", "false");
    await expect(page.locator(`[data-testid="inbox-row"][data-number="${number}"]`).getByTestId("unread-dot")).toHaveCount(0);
    if (before > 1) await expect(badge).toHaveText(new RegExp(`^${before - 1}\\b`));
    else await expect(badge).toHaveCount(0);

    // The reply box answers from the inbox too, attributed to the person writing.
    await page.locator(`[data-testid="inbox-row"][data-number="${number}"]`).getByRole("link").click();
    await page.getByLabel("Your reply").fill(`Done, works now (${id}).`);
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByTestId("thread-message").filter({ hasText: `Done, works now (${id}).` })).toContainText("Eli Entech");
    await userContext.close();
  });

  test("a client admin switches between Mine and All of their organisation", async ({ browser }) => {
    await as(browser, STORAGE.entechAdmin, async (page) => {
      await page.goto("/my-tickets");
      const mine = page.getByRole("button", { name: "Mine", exact: true });
      const all = page.getByRole("button", { name: "All ENTECH" });
      await expect(mine).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByRole("link", { name: /Add five seats to the VoIP plan/ })).toBeVisible();

      const search = page.getByRole("searchbox", { name: "Search tickets" });
      await search.fill("VPN drops every 20 minutes");
      await expect(page.getByText("No tickets match")).toBeVisible();

      await all.click();
      await expect(all).toHaveAttribute("aria-pressed", "true");
      await expect(page).toHaveURL(/scope=all/);
      const row = page.getByTestId("inbox-row").filter({ hasText: "VPN drops every 20 minutes" });
      await expect(row).toBeVisible();
      await expect(row).toContainText("Reported by Eli Entech");

      // Back to Mine: the colleague's ticket disappears again.
      await mine.click();
      await expect(page.getByText("No tickets match")).toBeVisible();
    });
  });

  test("a client user cannot open another organisation's ticket (or a colleague's) by URL", async ({ browser }) => {
    const entechTicket = await seededNumber("ENTECH", "VPN drops every 20 minutes");
    const colleaguesTicket = await seededNumber("ENTECH", "Add five seats to the VoIP plan");

    await as(browser, STORAGE.northwindUser, async (page) => {
      const response = await page.goto(`/my-tickets/${entechTicket}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(page.getByText("VPN drops every 20 minutes")).toHaveCount(0);
      // Their own list never shows it either.
      await page.goto("/my-tickets?scope=all");
      await expect(page.getByTestId("inbox-list").or(page.getByText("You have no tickets yet"))).toBeVisible();
      await expect(page.getByText("VPN drops every 20 minutes")).toHaveCount(0);
    });

    await as(browser, STORAGE.entechUser, async (page) => {
      const response = await page.goto(`/my-tickets/${colleaguesTicket}`);
      expect(response?.status()).toBe(404);
      // Their own ticket opens.
      const own = await page.goto(`/my-tickets/${entechTicket}`);
      expect(own?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "VPN drops every 20 minutes" })).toBeVisible();
      // Internal notes on it never reach the page.
      await expect(page.getByText("Keep-alive on the ASA")).toHaveCount(0);
    });
  });
});
