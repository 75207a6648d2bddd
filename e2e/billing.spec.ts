import { expect, test } from "@playwright/test";
import { sendSignedWebhook } from "./fakes/stripe";
import { latestEmailTo, linkIn, queryDb, readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

const DAY = 86_400_000;

test("a plan with a metered charge bills a subscriber's usage with overage and tax, and a signed Stripe webhook marks it paid", async ({ page, request }) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const metricCode = `e2e_cpu_${run}`;
  const planCode = `e2e_plan_${run}`;

  // 1. A metric, in the console.
  await page.goto("/billing/metrics");
  await page.getByRole("button", { name: "New metric" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Code").fill(metricCode);
  await dialog.getByLabel("Name").fill("E2E CPU seconds");
  await dialog.getByLabel("Unit label").fill("seconds");
  await dialog.getByRole("button", { name: "Create metric" }).click();
  await expect(page.getByRole("cell", { name: metricCode, exact: true })).toBeVisible();

  // 2. A plan: CA$20 a month, 100 seconds included, then CA$0.50 per second.
  await page.goto("/billing/plans");
  await page.getByRole("button", { name: "New plan" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Code").fill(planCode);
  await dialog.getByLabel("Name").fill("E2E Metered");
  await dialog.getByLabel("Base price per period").fill("20.00");
  await dialog.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("heading", { name: "E2E Metered" })).toBeVisible();

  await page.getByRole("button", { name: "Add charge" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Metric").selectOption({ label: `E2E CPU seconds (${metricCode})` });
  // The tier editor explains a ladder that cannot be priced before anything is saved.
  await dialog.getByLabel("Model").selectOption("graduated");
  await dialog.locator("#tier-0-to").fill("0");
  await dialog.getByRole("button", { name: "Save charge" }).click();
  await expect(dialog.getByText("Tier 1 must end above where it starts (0), but ends at 0").first()).toBeVisible();
  await dialog.getByLabel("Model").selectOption("standard");
  await dialog.getByLabel("Included quota").fill("100");
  await dialog.getByLabel("Price per unit batch").fill("0.50");
  await dialog.getByRole("button", { name: "Save charge" }).click();
  await expect(page.getByRole("cell", { name: /E2E CPU seconds/ }).first()).toBeVisible();

  // 3. A source app; its API key is shown once.
  await page.goto("/billing/services");
  await page.getByRole("button", { name: "New service" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("E2E App");
  await dialog.getByLabel("Code").fill(`e2e_app_${run}`);
  await dialog.getByRole("button", { name: "Create service" }).click();
  const apiKey = await page.getByTestId("secret-value").inputValue();
  expect(apiKey).toMatch(/^sbk_/);
  await page.getByRole("button", { name: "Done" }).click();

  // 4. The app subscribes a customer (13% HST) whose first month has already ended, and pushes usage.
  const headers = { authorization: `Bearer ${apiKey}` };
  const customer = await request.post("/api/billing/v1/customers", {
    headers,
    data: { customer: { external_id: `acct-${run}`, name: `E2E Dental ${run}`, email: `billing-${run}@example.test`, address: { city: "Toronto", region: "ON", country: "CA" }, tax_rate_percent: "13" } },
  });
  expect(customer.status()).toBe(201);
  const start = new Date(Math.floor((Date.now() - 40 * DAY) / DAY) * DAY);
  const subscription = await request.post("/api/billing/v1/subscriptions", {
    headers,
    data: { subscription: { external_customer_id: `acct-${run}`, plan_code: planCode, external_id: `deploy-${run}`, subscription_at: start.toISOString() } },
  });
  expect(subscription.status()).toBe(201);
  const window = { from: new Date(start.getTime() + 3_600_000).toISOString(), to: new Date(start.getTime() + 7_200_000).toISOString() };
  const usageItem = { external_subscription_id: `deploy-${run}`, metric_code: metricCode, period: window, quantity: "300", idempotency_key: `cpu-${run}-1` };
  const usage = await request.post("/api/billing/v1/usage", { headers, data: { usage: [usageItem, { ...usageItem, external_subscription_id: "nobody" }] } });
  expect(usage.status()).toBe(202);
  expect(await usage.json()).toMatchObject({ accepted: 1, rejected: 1 });
  // A retry of the same counter is recognised, not counted again.
  const retry = await request.post("/api/billing/v1/usage", { headers, data: { usage: [usageItem] } });
  expect(await retry.json()).toMatchObject({ accepted: 0, duplicates: 1 });

  // 5. Rating closes the ended month into an issued invoice.
  await page.goto("/billing/invoices");
  await page.getByRole("button", { name: "Run rating now" }).click();
  await expect(page.getByText("Rating done").first()).toBeVisible();
  await page.getByLabel("Search invoices").fill(`deploy-${run}`);
  const invoiceLink = page.getByRole("link", { name: /^INV-\d{6}$/ });
  await expect(invoiceLink).toBeVisible();
  await invoiceLink.click();

  // 6. The invoice: base price, 200 seconds of overage at CA$0.50, 13% tax.
  await expect(page.getByTestId("invoice-number")).toHaveText(/Invoice INV-\d{6}/);
  const lines = page.getByRole("table", { name: "Invoice lines" });
  await expect(lines.getByRole("row", { name: /E2E Metered/ })).toContainText("20.00");
  await expect(lines.getByRole("row", { name: /E2E CPU seconds/ })).toContainText("100.00");
  await expect(lines.getByRole("row", { name: /E2E CPU seconds/ })).toContainText("100 included");
  const totals = page.getByTestId("invoice-totals");
  await expect(totals).toContainText("120.00");
  await expect(totals).toContainText("Tax (13%)");
  await expect(totals).toContainText("15.60");
  await expect(totals).toContainText("135.60");
  const badge = (text: string) => page.getByRole("article").locator('[data-slot="badge"]', { hasText: text });
  await expect(badge("Open")).toBeVisible();
  const invoiceId = new URL(page.url()).pathname.split("/").pop()!;

  // 6b. The issued invoice went to the billing contact with its PDF attached and a signed link to it.
  const mail = await latestEmailTo(`billing-${run}@example.test`, "Invoice INV-%");
  expect(mail.subject).toMatch(/^Invoice INV-\d{6}: CAD 135\.60$/);
  const pdf = await request.get(linkIn(mail.text, "/api/billing/documents/invoice/"));
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const attached = await queryDb<{ attachments: unknown }>(`SELECT attachments FROM "OutboxEmail" WHERE subject = $1`, [mail.subject]);
  expect(attached[0]?.attachments).toEqual([{ kind: "billing_invoice", id: invoiceId }]);

  // 7. Stripe reports the payment: a signed webhook marks the invoice paid.
  const { appUrl, fakes } = readRuntime();
  const event = {
    type: "payment_intent.succeeded",
    data: {
      object: {
        id: `pi_e2e_${run}`,
        object: "payment_intent",
        amount: 13560,
        amount_received: 13560,
        currency: "cad",
        status: "succeeded",
        latest_charge: `ch_e2e_${run}`,
        metadata: { switchboard_invoice_id: invoiceId },
      },
    },
  };
  const forged = await sendSignedWebhook(`${appUrl}/api/webhooks/stripe`, event, "whsec_not_the_secret");
  expect(forged.status).toBe(400);
  const delivered = await sendSignedWebhook(`${appUrl}/api/webhooks/stripe`, event, fakes.stripeWebhookSecret!);
  expect(delivered.status).toBe(200);
  const again = await sendSignedWebhook(`${appUrl}/api/webhooks/stripe`, delivered.event, fakes.stripeWebhookSecret!);
  expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });

  await page.reload();
  await expect(badge("Paid")).toBeVisible();
  await expect(badge("Succeeded")).toBeVisible();
  const rows = await queryDb<{ status: string; amountPaid: string }>(`SELECT status::text, "amountPaid"::text FROM "BillingInvoice" WHERE id = $1`, [invoiceId]);
  // Money columns hold 3 places (KWD, BHD); EUR amounts end in a 0.
  expect(rows[0]).toEqual({ status: "paid", amountPaid: "135.600" });
});
