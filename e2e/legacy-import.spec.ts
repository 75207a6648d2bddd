import { expect, test } from "@playwright/test";
import { createLegacySample } from "../server/legacy-billing/source/create-legacy-sample";
import { queryDb, readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

test("connect the legacy sample database, dry run, import, reconcile in the background, resolve deltas and sign off, resume a stalled run, see imported subscriptions badged as shadows", async ({ page }) => {
  test.setTimeout(240_000);
  // The sample lives in its own database beside the app's, built by the same module the tests use.
  const legacy = new URL(readRuntime().databaseUrl);
  legacy.pathname = "/legacy_e2e";
  await createLegacySample(legacy.toString());

  await page.goto("/billing/migration");
  await page.getByLabel("Database URL").fill("postgres://nobody@127.0.0.1:1/legacy");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/Cannot reach the legacy database server at 127\.0\.0\.1:1/)).toBeVisible();

  await page.getByLabel("Database URL").fill(legacy.toString());
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/Connected to .*legacy_e2e: 24 users, 5 plans, 32 subscriptions/)).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Connected to .*\/legacy_e2e\. The URL is stored encrypted/)).toBeVisible();
  // The URL itself never comes back to the browser.
  await page.reload();
  await expect(page.getByLabel("Database URL")).toHaveValue("");
  expect(await page.content()).not.toContain(legacy.toString());

  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByText("Dry run: completed")).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Import: completed")).toBeVisible({ timeout: 60_000 });
  await page.getByRole("combobox", { name: "Outcome" }).selectOption("failed");
  const rows = page.getByRole("table", { name: "Import rows" });
  await expect(rows.getByText('unknown country "Narnia"')).toBeVisible();
  await expect(rows.getByText(/^no e-mail address/)).toBeVisible();

  // Reconciliation runs in the background: the page follows the run's progress to its visible completion.
  await page.getByRole("button", { name: "Reconcile all periods" }).click();
  await expect(page.getByText("Reconciliation: completed")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Reconciled 2026-08, 2026-09, 2026-10: \d+ match, \d+ delta/)).toBeVisible();
  await page.getByRole("combobox", { name: "Period" }).selectOption("2026-10");
  await expect(page.getByText("Not ready to flip")).toBeVisible();
  await page.getByRole("button", { name: "Sign off 2026-10" }).click();
  await expect(page.getByText(/still has \d+ rows? outside the tolerance/)).toBeVisible();

  await page.getByRole("combobox", { name: "Status" }).selectOption("delta");
  const table = page.getByRole("table", { name: "Reconciliation rows" });
  const details = table.getByRole("button", { name: /^Details of / });
  // Wait for the filtered list: no "match" row left in it.
  await expect(table.getByText("match", { exact: true })).toHaveCount(0);
  await expect(details.first()).toBeVisible();
  for (let open = await details.count(); open > 0; open--) {
    await details.first().click();
    const detail = page.getByRole("region", { name: /^Details of / });
    await expect(detail.getByText(/^Legacy \(/)).toBeVisible();
    await detail.getByLabel("Note").fill("Billed outside the metered model (add-on or proration)");
    await detail.getByRole("button", { name: "Resolve" }).click();
    await expect(details).toHaveCount(open - 1);
  }

  await page.getByRole("button", { name: "Sign off 2026-10" }).click();
  await expect(page.getByText(/Signed off by .* on \d{4}-\d{2}-\d{2}\./)).toBeVisible();
  await expect(page.getByText("Ready to flip", { exact: true })).toBeVisible();

  // A run whose worker died (no heartbeat for minutes) shows as stalled and resumes from the console.
  await queryDb(
    `INSERT INTO "LegacyReconciliationRun" (id, period, tolerance, status, total, "heartbeatAt", "leaseId", "startedAt")
     VALUES ('e2e-stalled-run', '2026-09', 0.01, 'running', (SELECT count(*) FROM "LegacyShadowRecord" WHERE kind = 'subscription'), now() - interval '10 minutes', 'dead-worker', now())`,
  );
  await page.reload();
  await expect(page.getByText("Reconciliation of 2026-09: stalled")).toBeVisible();
  await expect(page.getByText(/stopped reporting progress/)).toBeVisible();
  const runs = page.getByRole("table", { name: "Reconciliation runs" });
  await expect(runs.getByText("stalled", { exact: true })).toBeVisible();
  await runs.getByRole("button", { name: /^Resume the reconciliation/ }).click();
  await expect(page.getByText("Reconciliation of 2026-09: completed")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Reconciled 2026-09: \d+ match, \d+ delta, \d+ resolved/)).toBeVisible();

  // Imported subscriptions are badged as shadows in the billing console and offer no action that would change them.
  await page.goto("/billing/subscriptions");
  await page.getByRole("combobox", { name: "Live or shadow" }).selectOption("shadow");
  const subscriptions = page.getByRole("table", { name: "Subscriptions" });
  await expect(subscriptions.getByText("Shadow (legacy import)").first()).toBeVisible();
  await subscriptions.getByRole("button", { name: /^Actions for / }).first().click();
  await expect(page.getByRole("menu").getByText(/shadow subscription imported from the legacy biller/)).toBeVisible();
  await expect(page.getByRole("menuitem", { name: /Terminate|Cancel|Change plan|Pause/ })).toHaveCount(0);
});
