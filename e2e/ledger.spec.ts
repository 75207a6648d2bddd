import { expect, test } from "@playwright/test";
import { createLegacySample } from "../server/legacy-billing/source/create-legacy-sample";
import { buildSampleRows } from "../server/legacy-billing/source/sample-data";
import { readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

const cents = (amount: unknown) => Math.round(Number(amount) * 100);
const unix = (d: unknown) => Math.floor(new Date(d as Date).getTime() / 1000);

/** Stripe and Lago hold the sample's invoices as the legacy app billed them, except one whose Stripe total is 7.00 more. */
async function seedProcessors(): Promise<{ mismatched: string }> {
  const { fakes } = readRuntime();
  const invoices = buildSampleRows().invoices;
  const mismatched = invoices.find((i) => String(i.stripe_invoice_id).startsWith("in_") && i.status === "paid" && cents(i.total) > 0)!;
  for (const i of invoices) {
    const processorId = String(i.stripe_invoice_id);
    // The real invoice date: an hour after the period, not the legacy row's sync-stamped created_at.
    const created = unix(i.period_end) + 3600;
    const total = cents(i.total) + (i === mismatched ? 700 : 0);
    const body = processorId.startsWith("lago:")
      ? {
          url: `${fakes.lago}/__fake/invoices`,
          json: {
            lagoId: processorId.slice("lago:".length), number: i.invoice_number, issuingDate: new Date(created * 1000).toISOString().slice(0, 10),
            status: i.status === "void" ? "voided" : i.status === "draft" ? "draft" : "finalized", paymentStatus: i.status === "paid" ? "succeeded" : "pending",
            totalAmountCents: total, taxesAmountCents: cents(i.tax),
          },
        }
      : { url: `${fakes.stripe}/__fake/invoices`, json: { id: processorId, total, tax: cents(i.tax), status: i.status, created, paidAt: i.status === "paid" ? created + 60 : null } };
    const response = await fetch(body.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body.json) });
    expect(response.ok).toBe(true);
  }
  return { mismatched: String(mismatched.invoice_number) };
}

test("ingest the legacy invoices as a dry run, then as drafts, verify at Stripe and Lago, settle a blocked total, post, and read the trial balance", async ({ page }) => {
  test.setTimeout(240_000);
  // The same sample the legacy import spec connects (recreated identically: the rows are deterministic), so this runs before or after it.
  const legacy = new URL(readRuntime().databaseUrl);
  legacy.pathname = "/legacy_e2e";
  await createLegacySample(legacy.toString());
  const { mismatched } = await seedProcessors();

  await page.goto("/billing/migration");
  await page.getByLabel("Database URL").fill(legacy.toString());
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Connected to .*\/legacy_e2e\. The URL is stored encrypted/)).toBeVisible();

  await page.goto("/ledger");
  await expect(page.getByRole("heading", { name: "Invoice ledger" })).toBeVisible();
  await page.getByRole("button", { name: "Ingest…" }).click();
  const dialog = page.getByRole("dialog", { name: "Ingest legacy invoices" });
  // A first ingest is a dry run unless the admin says otherwise.
  await expect(dialog.getByLabel("Dry run (write nothing)")).toBeChecked();
  await dialog.getByRole("button", { name: "Run dry run" }).click();
  const dry = dialog.getByRole("region", { name: "Dry run result" });
  await expect(dry.getByText(/^Dry run: nothing was written\. [1-9]\d* would be created, 0 would be updated/)).toBeVisible({ timeout: 60_000 });
  await expect(dry.getByText(/^Unmatched lines \(booked to Other\): [1-9]/)).toBeVisible();
  await expect(dry.getByText(/CPU overage beyond/).first()).toBeVisible();

  await dialog.getByLabel("Dry run (write nothing)").uncheck();
  await dialog.getByRole("button", { name: "Ingest as drafts" }).click();
  await expect(dialog.getByRole("region", { name: "Ingest result" }).getByText(/^Ingested as drafts\. [1-9]\d* created, /)).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole("button", { name: "Close", exact: true }).first().click();
  await expect(dialog).toBeHidden();

  // Flagged: lines no family rule matched, and the per-family summary.
  await expect(page.getByText(/^Unmatched lines \(booked to Other\): [1-9]/)).toBeVisible();
  const invoices = page.getByRole("table", { name: "Legacy invoices" });
  await expect(invoices.getByText(/^\d+ unmatched$/).first()).toBeVisible();

  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByText(/^[1-9]\d* verified, [1-9]\d* void or draft at source, 0 waiting\.$/)).toBeVisible({ timeout: 90_000 });

  // The mismatched invoice is held back with both totals named.
  await page.getByRole("combobox", { name: "Verification" }).selectOption("blocked");
  await expect(invoices.getByText(/^Stripe says \d+\.\d{2}, legacy says \d+\.\d{2}: accept one side before posting$/)).toBeVisible();
  await expect(invoices.getByRole("row")).toHaveCount(2);
  await expect(invoices.getByRole("checkbox", { name: `Select ${mismatched}` })).toBeDisabled();

  await page.getByRole("combobox", { name: "Verification" }).selectOption("");
  await page.getByRole("button", { name: "Post all verified" }).click();
  await expect(page.getByText(/^[1-9]\d* invoice\(s\) posted$/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^1 not posted: Stripe says/)).toBeVisible();

  await page.getByRole("combobox", { name: "Verification" }).selectOption("blocked");
  await invoices.getByRole("button", { name: `Settle the totals of ${mismatched}` }).click();
  const settle = page.getByRole("dialog", { name: `Settle the totals of ${mismatched}` });
  await settle.getByRole("button", { name: "Accept and unblock" }).click();
  await expect(settle.getByText(/at least 3 characters/)).toBeVisible();
  await settle.getByLabel("Accept").selectOption("processor");
  await settle.getByLabel("Note").fill("Stripe charged a late fee the legacy app never recorded");
  await settle.getByRole("button", { name: "Accept and unblock" }).click();
  await expect(settle).toBeHidden();
  await expect(page.getByText("No invoices here")).toBeVisible();

  await page.getByRole("combobox", { name: "Verification" }).selectOption("");
  await page.getByRole("button", { name: "Post all verified" }).click();
  await expect(page.getByText(/^1 invoice\(s\) posted$/)).toBeVisible({ timeout: 60_000 });

  await page.getByRole("tab", { name: "Reports" }).click();
  const debit = page.getByTestId("tb-total-debit");
  await expect(debit).toHaveText(/^[1-9][\d,]*\.\d{2}$/);
  await expect(page.getByTestId("tb-total-credit")).toHaveText((await debit.textContent())!);
  const receivables = page.getByRole("table", { name: "Trial balance" }).getByRole("row", { name: /1100 Accounts receivable/ });
  await expect(receivables.getByRole("cell").last()).not.toHaveText("0.00");
});
