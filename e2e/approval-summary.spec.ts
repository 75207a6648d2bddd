import { expect, test } from "@playwright/test";
import { fileConsoleTicket } from "./support/console-api";
import { latestEmailTo, linkIn, readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

// Approvals never go out empty: when the AI draft fails the brief is prefilled
// from the description and public thread; an empty brief needs an explicit
// "Send without a summary"; the owner's page shows what the e-mail shows.
const ENTECH_OWNER = "owner@entech.example";
const stamp = `${Date.now().toString(36)}s`;

async function setAiMode(mode: "ok" | "error") {
  const origin = new URL(readRuntime().fakes.openai!).origin;
  const response = await fetch(`${origin}/__fake/mode`, { method: "POST", body: JSON.stringify({ mode }), headers: { "content-type": "application/json" } });
  expect(response.ok).toBe(true);
}

test.describe("approval summary fallback", () => {
  test.use({ storageState: STORAGE.agent });
  test.afterAll(async () => {
    await setAiMode("ok");
  });

  test("prefills the brief, refuses an empty one without the explicit choice, and shows the owner the same context", async ({ page, browser }) => {
    await setAiMode("error");
    const description = `The depot needs a second fibre line before the audit (${stamp}).`;
    const ticket = await fileConsoleTicket(page.request, { org: "ENTECH", subject: `Second line ${stamp}`, reporterEmail: "user@entech.example", description });

    await page.goto(`/tickets/${ticket.number}`);
    const panel = page.getByTestId("ticket-approval-panel");
    await panel.getByRole("button", { name: "Request owner approval" }).click();
    const wizard = page.getByRole("dialog", { name: "Request owner approval" });
    const summary = wizard.getByLabel("Summary");
    await expect(summary).toHaveValue(new RegExp(`^• The ask: The depot needs a second fibre line before the audit \\(${stamp}\\)`));
    await expect(wizard.getByText(/Prefilled from the description and the public thread/)).toBeVisible();

    await summary.fill("");
    await wizard.getByRole("button", { name: "Send request" }).click();
    await expect(wizard.getByText(/A summary is empty\. Write one, or choose "Send without a summary"/)).toBeVisible();
    await expect(wizard.getByRole("button", { name: "Send without a summary" })).toBeVisible();

    await summary.fill(`• The ask: a second fibre line (${stamp}).\n• Cost: two days of work.`);
    await wizard.getByLabel("Personal note (optional)").fill(`Olivia, as discussed (${stamp}).`);
    await wizard.getByRole("button", { name: "Send request" }).click();
    await expect(wizard).toBeHidden();
    // The panel shows the new request at once, without a reload.
    await expect(panel.getByTestId("approval-state-pill")).toHaveText(/Awaiting approval from Olivia Owner/);

    const mail = await latestEmailTo(ENTECH_OWNER, `Action needed: please review request "Second line ${stamp}"`);
    expect(mail.text).toContain(`• Cost: two days of work.`);
    expect(mail.text).toContain(description);
    const link = linkIn(mail.text, "/approve/");

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const owner = await context.newPage();
      await owner.goto(link);
      await expect(owner.getByRole("region", { name: "Note from Sam Agent" })).toContainText(`Olivia, as discussed (${stamp}).`);
      await expect(owner.getByRole("region", { name: "Summary" })).toContainText("• Cost: two days of work.");
      await owner.getByText("Full request").click();
      await expect(owner.getByTestId("approval-full-request")).toContainText(description);
    } finally {
      await context.close();
    }
  });
});
