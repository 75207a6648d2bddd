import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { vtigerControl } from "./fakes/vtiger/fake-vtiger-control-client";
import { queryDb, readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

const cuid = () => `cm${crypto.randomBytes(10).toString("hex")}`;

async function seed(module: string, fields: Record<string, unknown>): Promise<string> {
  return ((await vtigerControl("seed", { module, fields })) as { id: string }).id;
}

/** The item the wizard shows, by its heading ("Item 2 of 5: case"). */
async function expectItem(page: Page, n: number, of: number) {
  await expect(page.getByRole("heading", { name: new RegExp(`^Item ${n} of ${of}:`) })).toBeVisible();
}

// The fake Vtiger is shared: a connection left enabled would push later specs' customers into it.
test.afterAll(async () => {
  await queryDb(`UPDATE "CrmConnection" SET "deletedAt" = now(), enabled = false WHERE name LIKE 'Migration CRM %' AND "deletedAt" IS NULL`);
});

test("a service contract: dry run, then live with an interruption and a resume; card balance, archived cases and the summary", async ({ page }) => {
  test.setTimeout(180_000);
  const vtigerUrl = readRuntime().fakes.vtiger!;
  const tag = crypto.randomBytes(3).toString("hex");
  await vtigerControl("reset", { data: true });
  await vtigerControl("time-log-module", { on: true });

  // A connection to the CRM, added as an admin does.
  await page.goto("/integrations/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Migration CRM ${tag}`);
  await page.getByLabel("Base URL").fill(vtigerUrl);
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Access key").fill("fake-access-key");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected as admin").first()).toBeVisible();
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("heading", { name: `Migration CRM ${tag}` })).toBeVisible();
  const connectionId = new URL(page.url()).pathname.split("/").pop()!;

  // In the CRM: an account, its contract with three cases and two time logs.
  const account = await seed("Accounts", { accountname: `Harbour Dental ${tag}` });
  const contract = await seed("ServiceContracts", { subject: `Support ${tag}`, sc_related_to: account, tracking_unit: "Hours", total_units: "40.00" });
  const crmIds = new Set([account, contract]);
  for (const [title, hours] of [["Printer offline", "2.50"], ["VPN setup", "1.25"], ["Mailbox full", "0.00"]] as const) {
    const id = await seed("HelpDesk", { ticket_title: `${title} ${tag}`, parent_id: account, hours, ticketstatus: "Closed", description: `${title} at Harbour Dental` });
    await vtigerControl("relate", { sourceId: contract, label: "Service Requests", relatedId: id });
    crmIds.add(id);
  }
  crmIds.add(await seed("TimeLogs", { subject: "Onsite", hours: "1.50", log_date: "2026-03-02", description: "Onsite visit", related_to: contract }));
  crmIds.add(await seed("TimeLogs", { subject: "Remote", hours: "0.75", log_date: "2026-03-09", description: "Remote session", related_to: contract }));

  // Our customer, linked to the account as the customer sync links it, with a ten-hour card.
  const customerId = cuid();
  const cardId = cuid();
  const [admin] = await queryDb<{ id: string }>(`SELECT id FROM "User" ORDER BY "createdAt" LIMIT 1`);
  await queryDb(`INSERT INTO "Customer" (id, name, "updatedAt") VALUES ($1, $2, now())`, [customerId, `Harbour Dental ${tag}`]);
  await queryDb(
    `INSERT INTO "SyncLink" (id, "connectionId", entity, "entityId", module, "externalId", status, "updatedAt") VALUES ($1, $2, 'customer', $3, 'Accounts', $4, 'SYNCED', now())`,
    [cuid(), connectionId, customerId, account],
  );
  await queryDb(`INSERT INTO "HourCard" (id, "customerId", name, "purchasedMinutes", "purchasedAt", "createdById", "updatedAt") VALUES ($1, $2, 'Ten hours', 600, now(), $3, now())`, [cardId, customerId, admin!.id]);
  await queryDb(
    `INSERT INTO "HourCardTransaction" (id, "cardId", kind, minutes, reason, "sourceType", "sourceKey") VALUES ($1, $2, 'top_up', 600, 'Card purchased', 'card_purchase', $3)`,
    [cuid(), cardId, `card-purchase:${cardId}`],
  );

  // Where this CRM keeps time logs, checked against describe.
  await page.goto("/contract-migration");
  await page.getByLabel("CRM connection").selectOption({ label: `Migration CRM ${tag}` });
  await page.getByText("Time logs: none set").click();
  await page.getByLabel("Module").fill("TimeLogs");
  await page.getByLabel("Hours field").fill("hours");
  await page.getByLabel("Date field (optional)").fill("log_date");
  await page.getByLabel("Description field (optional)").fill("description");
  await page.getByLabel("Field pointing at the contract").fill("related_to");
  await page.getByRole("button", { name: "Check and save" }).click();
  await expect(page.getByText("Time logs: TimeLogs.hours")).toBeVisible();

  // Dry run (the default): archive with A, transfer with T, the rest in one go.
  await page.getByLabel("Search contracts").fill(`Support ${tag}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("button", { name: new RegExp(`^Dry run: .*Support ${tag}`) }).click();
  await expectItem(page, 1, 5);
  await expect(page.getByText("Dry run", { exact: true }).first()).toBeVisible();
  await page.keyboard.press("a");
  await expectItem(page, 2, 5);
  await page.getByRole("button", { name: "Apply to the rest…" }).click();
  await expect(page.getByTestId("apply-rest-preview")).toHaveText("2 cases to archive and 2 time logs with 2.25 h to transfer.");
  await page.getByRole("button", { name: "Apply to 4 items" }).click();
  await expect(page.getByText("Dry run complete: nothing was written")).toBeVisible();
  await expect(page.getByTestId("counter-hours-that-would-move")).toHaveText("2.25 h");
  await expect(page.getByTestId("customer-cards")).toContainText("Ten hours · 10.00 h left");

  // Live: one case, then the browser goes away (a reload) and the run resumes at item 2.
  await page.goto("/contract-migration");
  await page.getByLabel("CRM connection").selectOption({ label: `Migration CRM ${tag}` });
  await page.getByLabel("Dry run (nothing is archived or transferred)").uncheck();
  await page.getByLabel("Search contracts").fill(`Support ${tag}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("button", { name: new RegExp(`^Run live: .*Support ${tag}`) }).click();
  await expectItem(page, 1, 5);
  await page.getByRole("button", { name: /^Archive/ }).click();
  await expectItem(page, 2, 5);
  await page.reload();
  await expectItem(page, 2, 5);
  await expect(page.getByRole("progressbar", { name: "Migration progress" })).toBeVisible();
  await expect(page.getByText("1 of 5 items")).toBeVisible();
  await page.keyboard.press("a");
  await expectItem(page, 3, 5);
  await page.getByLabel("Skip reason").fill("No work on this case");
  await page.getByLabel("Skip reason").press("Enter");
  await expectItem(page, 4, 5);
  await page.keyboard.press("t");
  await expectItem(page, 5, 5);
  await page.keyboard.press("t");
  await expect(page.getByText("Migration complete")).toBeVisible();
  await expect(page.getByText("Archived 2 cases; transferred 2.25 h from 2 time logs; skipped 1; failed 0.")).toBeVisible();
  await expect(page.getByText("Skipped: TT3 Mailbox full")).toBeVisible();
  await expect(page.getByTestId("customer-cards")).toContainText("Ten hours · 12.25 h left");

  // The summary downloads as CSV.
  const runId = new URL(page.url()).pathname.split("/").pop()!;
  const csv = await page.request.get(`/api/contract-migration/runs/${runId}/csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(6);
  expect(lines[4]).toContain(",transferred,");
  expect(lines[4]).toContain("1.50 h");

  // Nothing the wizard read was ever written to. (The connection's own customer sync may push
  // customers other specs left behind, so writes are judged by the records and modules involved.)
  const calls = ((await vtigerControl("calls")) as { calls: { operation: string; elementType?: string; id?: string }[] }).calls;
  const wizardWrites = calls.filter(
    (c) =>
      ["create", "update", "revise", "delete"].includes(c.operation) &&
      (["ServiceContracts", "HelpDesk", "TimeLogs"].includes(c.elementType ?? "") || crmIds.has(c.id ?? "")),
  );
  expect(wizardWrites).toEqual([]);

  // The archived cases are helpdesk history: searchable, read-only.
  await page.goto("/contract-migration/archived");
  await page.getByLabel("Search archived cases").fill(tag);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const archived = page.getByRole("list", { name: "Archived cases" });
  await expect(archived.getByRole("listitem")).toHaveCount(2);
  await archived.getByText(`Printer offline ${tag}`).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Printer offline at Harbour Dental").first()).toBeVisible();
  await expect(dialog.getByText("read-only")).toBeVisible();
  await expect(dialog.getByRole("textbox")).toHaveCount(0);

  // Both runs are in the list.
  await page.goto("/contract-migration");
  const runs = page.getByRole("list", { name: "Migration runs" }).getByRole("listitem").filter({ hasText: `Support ${tag}` });
  await expect(runs).toHaveCount(2);
  await vtigerControl("time-log-module", { on: false });
});
