/**
 * Lago's official JavaScript client (lago-javascript-client 1.53, a dev
 * dependency) pointed at our billing API, served by its real route handlers
 * over real HTTP: every call an app switching from Lago makes, with Lago's
 * request bodies and Lago's response and error shapes. Stripe is the local
 * fake (e2e/fakes/stripe).
 */
import { Client, getLagoError } from "lago-javascript-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "@/e2e/fakes/stripe";
import { makeMetric, makePlan, makeService } from "@/server/billing/testing/billing-fixtures";
import { serveBillingApi } from "@/server/billing/testing/serve-billing-api";
import { db } from "@/server/db";

const DAY = 86_400_000;

let api: Awaited<ReturnType<typeof serveBillingApi>>;
let stripeFake: FakeStripe;
let lago: ReturnType<typeof Client>;
let otherApp: ReturnType<typeof Client>;
let cpu: { id: string; code: string };
let seats: { id: string; code: string };
let basic: { code: string };
let pro: { code: string };
let cheap: { code: string };
let previousAppUrl: string | undefined;

/** Start of the UTC day `days` ago: subscriptions whose running period contains now. */
const daysAgo = (days: number) => new Date(Math.floor((Date.now() - days * DAY) / DAY) * DAY);

/** The parsed Lago error body of a failed call (the client throws the response). */
async function lagoError(call: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    const response = error as Response;
    return { status: response.status, body: (await getLagoError(error)) as Record<string, unknown> };
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  stripeFake = await startFakeStripe();
  process.env.STRIPE_SECRET_KEY = stripeFake.secretKey;
  process.env.STRIPE_API_BASE = stripeFake.url;
  api = await serveBillingApi();
  // The app's public URL (signed PDF links) is this in-process server.
  previousAppUrl = process.env.APP_URL;
  process.env.APP_URL = api.origin;
  lago = Client((await makeService()).apiKey, { baseUrl: api.baseUrl });
  otherApp = Client((await makeService()).apiKey, { baseUrl: api.baseUrl });
  cpu = await makeMetric("sum");
  await db.billingMetric.update({ where: { id: cpu.id }, data: { fieldName: "seconds" } });
  seats = await makeMetric("unique_count");
  await db.billingMetric.update({ where: { id: seats.id }, data: { fieldName: "user_id" } });
  basic = await makePlan({
    basePrice: "30.00",
    charges: [
      { metricId: cpu.id, model: "standard", includedQuota: "18000", unitPrice: "0.0075", unitBatch: 3600 },
      { metricId: seats.id, model: "standard", includedQuota: "0", unitPrice: "2" },
    ],
  });
  pro = await makePlan({ basePrice: "90.00", charges: [{ metricId: cpu.id, model: "standard", unitPrice: "0.01", unitBatch: 3600 }] });
  cheap = await makePlan({ basePrice: "10.00", charges: [{ metricId: cpu.id, model: "standard", unitPrice: "0.02", unitBatch: 3600 }] });
});

afterAll(async () => {
  await api.close();
  await stripeFake.close();
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_BASE;
  process.env.APP_URL = previousAppUrl;
});

async function customer(externalId: string, extra: Record<string, unknown> = {}) {
  const { data } = await lago.customers.createCustomer({
    customer: { external_id: externalId, name: `Customer ${externalId}`, email: `${externalId}@example.test`, ...extra },
  });
  return data.customer;
}

async function subscribe(externalCustomerId: string, externalId: string, planCode: string, start = daysAgo(10)) {
  const { data } = await lago.subscriptions.createSubscription({
    subscription: { external_customer_id: externalCustomerId, plan_code: planCode, external_id: externalId, subscription_at: start.toISOString() },
  });
  return data.subscription;
}

describe("customers", () => {
  it("keeps Lago's customer fields and answers in Lago's shape", async () => {
    const created = await customer("lago-cust-1", {
      legal_name: "Acme Hosting Inc.",
      legal_number: "BN-1",
      tax_identification_number: "123456789RT0001",
      currency: "CAD",
      address_line1: "1 King St W",
      address_line2: "Suite 200",
      city: "Toronto",
      state: "ON",
      zipcode: "M5H 1A1",
      country: "CA",
      phone: "+1 416 555 0100",
      customer_type: "company",
    });
    expect(created).toMatchObject({
      lago_id: expect.any(String),
      external_id: "lago-cust-1",
      legal_name: "Acme Hosting Inc.",
      tax_identification_number: "123456789RT0001",
      currency: "CAD",
      address_line1: "1 King St W",
      address_line2: "Suite 200",
      city: "Toronto",
      state: "ON",
      zipcode: "M5H 1A1",
      country: "CA",
      customer_type: "company",
      created_at: expect.any(String),
    });
    // An update with only the e-mail keeps everything else (Lago's partial update).
    await lago.customers.createCustomer({ customer: { external_id: "lago-cust-1", email: "billing@acme.test" } });
    const { data } = await lago.customers.findCustomer("lago-cust-1");
    expect(data.customer).toMatchObject({ name: "Customer lago-cust-1", email: "billing@acme.test", legal_name: "Acme Hosting Inc.", zipcode: "M5H 1A1", currency: "CAD" });
    const list = await lago.customers.findAllCustomers({ per_page: 100 });
    expect(list.data.customers.map((c) => c.external_id)).toContain("lago-cust-1");
    expect(list.data.meta).toMatchObject({ current_page: 1, total_count: expect.any(Number) });
  });

  it("refuses money fields it does not implement with a 422 naming them, in Lago's error shape", async () => {
    const taxes = await lagoError(lago.customers.createCustomer({ customer: { external_id: "lago-cust-tax", tax_codes: ["vat_20"] } }));
    expect(taxes.status).toBe(422);
    expect(taxes.body).toMatchObject({ status: 422, error: "Unprocessable Entity", code: "validation_errors" });
    expect(Object.keys(taxes.body.error_details as object)).toEqual(["customer.tax_codes"]);
    const terms = await lagoError(lago.customers.createCustomer({ customer: { external_id: "lago-cust-tax", net_payment_term: 30 } }));
    expect(Object.keys(terms.body.error_details as object)).toEqual(["customer.net_payment_term"]);
    expect(await db.billingAccountLink.count({ where: { externalId: "lago-cust-tax" } })).toBe(0);
    const missing = await lagoError(lago.customers.findCustomer("nobody"));
    expect(missing).toMatchObject({ status: 404, body: { status: 404, error: "Not Found", code: "not_found" } });
  });

  it("gives a Stripe Checkout URL by POST, as Lago", async () => {
    await customer("lago-cust-checkout");
    const { data } = await lago.customers.generateCustomerCheckoutUrl("lago-cust-checkout");
    expect(data.customer).toMatchObject({ external_customer_id: "lago-cust-checkout", payment_provider: "stripe", checkout_url: expect.stringMatching(/^https?:\/\//) });
    expect((await lagoError(otherApp.customers.generateCustomerCheckoutUrl("lago-cust-checkout"))).status).toBe(404);
  });
});

describe("events and current usage", () => {
  it("aggregates raw events by the metric's field, counts a transaction_id once and answers a duplicate as Lago does", async () => {
    await customer("lago-cust-ev");
    const sub = await subscribe("lago-cust-ev", "lago-sub-ev", basic.code);
    const at = Math.floor(Date.now() / 1000) - 60;
    const event = (id: string, seconds: number | string) => ({
      transaction_id: id,
      external_subscription_id: "lago-sub-ev",
      code: cpu.code,
      timestamp: at,
      properties: { seconds },
    });
    const { data } = await lago.events.createEvent({ event: event("tx-1", 7200) });
    expect(data.event).toMatchObject({
      lago_id: expect.any(String),
      transaction_id: "tx-1",
      code: cpu.code,
      external_subscription_id: "lago-sub-ev",
      lago_subscription_id: sub.lago_id,
      timestamp: new Date(at * 1000).toISOString(),
      properties: { seconds: 7200 },
    });
    const duplicate = await lagoError(lago.events.createEvent({ event: event("tx-1", 7200) }));
    expect(duplicate).toEqual({
      status: 422,
      body: expect.objectContaining({ status: 422, error: "Unprocessable Entity", code: "validation_errors", error_details: { transaction_id: ["value_already_exist"] } }),
    });
    // The same transaction_id with another value is no more a new event than the retry was.
    expect((await lagoError(lago.events.createEvent({ event: event("tx-1", 99) }))).body.error_details).toEqual({ transaction_id: ["value_already_exist"] });

    // A batch of 100 (Lago's maximum), all or nothing.
    const batch = Array.from({ length: 100 }, (_, i) => event(`tx-b-${i}`, "180"));
    const stored = await lago.events.createBatchEvents({ events: batch });
    expect(stored.data.events).toHaveLength(100);
    const replay = await lagoError(lago.events.createBatchEvents({ events: [event("tx-new", 1), batch[5]!] }));
    expect(replay.status).toBe(422);
    expect(replay.body.error_details).toEqual({ 1: { transaction_id: ["value_already_exist"] } });
    const badEvents = await lagoError(
      lago.events.createBatchEvents({ events: [event("tx-x1", "lots"), { ...event("tx-x2", 1), code: "no_such_metric" }, { ...event("tx-x3", 1), external_subscription_id: "ghost" }] }),
    );
    expect(badEvents.body.error_details).toEqual({
      0: { "properties.seconds": ["invalid_value"] },
      1: { code: ["metric_not_found"] },
      2: { external_subscription_id: ["subscription_not_found"] },
    });
    expect((await lagoError(lago.events.createBatchEvents({ events: Array.from({ length: 101 }, (_, i) => event(`tx-o-${i}`, 1)) }))).status).toBe(422);
    const records = await db.billingUsageRecord.findMany({ where: { subscriptionId: sub.lago_id } });
    // tx-1 once, the 100 batch events; nothing of the refused requests (tx-new was rolled back with its batch).
    expect(records).toHaveLength(101);

    // 7,200 + 100 × 180 = 25,200 cpu-seconds: 7,200 over the 18,000 included, two started hours at 0.0075.
    const usage = await lago.customers.findCustomerCurrentUsage("lago-cust-ev", { external_subscription_id: "lago-sub-ev" });
    const cu = usage.data.customer_usage;
    expect(cu).toMatchObject({ currency: "CAD", amount_cents: 2, from_datetime: sub.current_billing_period_started_at });
    const cpuUsage = cu.charges_usage.find((c) => c.billable_metric.code === cpu.code)!;
    expect(cpuUsage).toMatchObject({ units: "25200", events_count: 101, amount_cents: 2, billable_metric: { aggregation_type: "sum_agg" }, charge: { charge_model: "standard" } });
    expect((cpuUsage as unknown as { precise_amount: string }).precise_amount).toBe("0.015");
  });

  it("counts distinct values for a unique_count metric", async () => {
    await customer("lago-cust-seats");
    await subscribe("lago-cust-seats", "lago-sub-seats", basic.code);
    const seat = (id: string, user: string) => ({ transaction_id: id, external_subscription_id: "lago-sub-seats", code: seats.code, properties: { user_id: user } });
    await lago.events.createBatchEvents({ events: [seat("s1", "ann"), seat("s2", "bob"), seat("s3", "ann")] });
    const usage = await lago.customers.findCustomerCurrentUsage("lago-cust-seats", { external_subscription_id: "lago-sub-seats" });
    expect(usage.data.customer_usage.charges_usage.find((c) => c.billable_metric.code === seats.code)).toMatchObject({
      units: "2",
      amount_cents: 400,
      billable_metric: { aggregation_type: "unique_count_agg" },
    });
    const missing = await lagoError(lago.events.createEvent({ event: { transaction_id: "s4", external_subscription_id: "lago-sub-seats", code: seats.code } }));
    expect(missing.body.error_details).toEqual({ "properties.user_id": ["value_is_mandatory"] });
  });
});

describe("subscriptions", () => {
  it("upgrades by creating with the same external_id (now, prorated) and downgrades at period end", async () => {
    await customer("lago-cust-up");
    const sub = await subscribe("lago-cust-up", "lago-sub-up", basic.code);
    expect(sub).toMatchObject({ external_id: "lago-sub-up", external_customer_id: "lago-cust-up", plan_code: basic.code, status: "active", plan_amount_cents: 3000, billing_time: "anniversary" });

    const upgraded = await lago.subscriptions.createSubscription({ subscription: { external_customer_id: "lago-cust-up", plan_code: pro.code, external_id: "lago-sub-up" } });
    expect(upgraded.status).toBe(200);
    expect(upgraded.data.subscription).toMatchObject({ lago_id: sub.lago_id, plan_code: pro.code, previous_plan_code: basic.code, status: "active" });
    // The days on the old plan were invoiced with the base prorated by day, shown on the line.
    const invoices = await lago.invoices.findAllInvoices({ external_customer_id: "lago-cust-up" });
    expect(invoices.data.invoices).toHaveLength(1);
    const { data: upgradeInvoice } = await lago.invoices.findInvoice(invoices.data.invoices[0]!.lago_id);
    const base = upgradeInvoice.invoice.fees!.find((f) => f.item.type === "subscription")!;
    expect(base.item.name).toMatch(/prorated: 11 of (28|29|30|31) days/);
    expect(base.units).toBe("11");

    const downgraded = await lago.subscriptions.createSubscription({ subscription: { external_customer_id: "lago-cust-up", plan_code: cheap.code, external_id: "lago-sub-up" } });
    expect(downgraded.data.subscription).toMatchObject({ plan_code: pro.code, next_plan_code: cheap.code, downgrade_plan_date: expect.any(String) });
  });

  it("updates with Lago's body, refuses what it cannot honour by name, terminates now and lists by customer", async () => {
    await customer("lago-cust-upd");
    const sub = await subscribe("lago-cust-upd", "lago-sub-upd", basic.code);
    const renamed = await lago.subscriptions.updateSubscription("lago-sub-upd", { subscription: { name: "Production", ending_at: null } });
    expect(renamed.data.subscription).toMatchObject({ name: "Production", ending_at: null, status: "active" });
    const ending = await lago.subscriptions.updateSubscription("lago-sub-upd", { subscription: { ending_at: sub.current_billing_period_ending_at } });
    expect(ending.data.subscription).toMatchObject({ status: "active", ending_at: sub.current_billing_period_ending_at });
    const otherDay = await lagoError(lago.subscriptions.updateSubscription("lago-sub-upd", { subscription: { ending_at: new Date(Date.now() + 3 * DAY).toISOString() } }));
    expect([otherDay.status, Object.keys(otherDay.body.error_details as object)]).toEqual([422, ["subscription.ending_at"]]);
    const overrides = await lagoError(lago.subscriptions.updateSubscription("lago-sub-upd", { subscription: { ending_at: null, plan_overrides: { amount_cents: 1 } } }));
    expect(Object.keys(overrides.body.error_details as object)).toEqual(["subscription.plan_overrides"]);
    await lago.subscriptions.updateSubscription("lago-sub-upd", { subscription: { ending_at: null } });

    await customer("lago-cust-upd-2");
    await subscribe("lago-cust-upd-2", "lago-sub-upd-2", basic.code);
    const mine = await lago.subscriptions.findAllSubscriptions({ external_customer_id: "lago-cust-upd" });
    expect(mine.data.subscriptions.map((s) => s.external_id)).toEqual(["lago-sub-upd"]);

    const terminated = await lago.subscriptions.destroySubscription("lago-sub-upd");
    expect(terminated.data.subscription).toMatchObject({ status: "terminated", terminated_at: expect.any(String) });
    expect((await lago.subscriptions.findAllSubscriptions({ external_customer_id: "lago-cust-upd" })).data.subscriptions).toEqual([]);
    const ended = await lago.subscriptions.findAllSubscriptions({ external_customer_id: "lago-cust-upd", "status[]": ["terminated"] });
    expect(ended.data.subscriptions.map((s) => s.external_id)).toEqual(["lago-sub-upd"]);
    const skip = await lagoError(lago.subscriptions.destroySubscription("lago-sub-upd-2", { on_termination_invoice: "skip" }));
    expect(Object.keys(skip.body.error_details as object)).toEqual(["on_termination_invoice"]);
    const calendar = await lagoError(
      lago.subscriptions.createSubscription({
        subscription: { external_customer_id: "lago-cust-upd-2", plan_code: basic.code, external_id: "lago-sub-cal", billing_time: "calendar", subscription_at: new Date(Date.UTC(2026, 10, 15)).toISOString() },
      }),
    );
    expect(Object.keys(calendar.body.error_details as object)).toEqual(["subscription.billing_time"]);
  });
});

describe("invoices and credit notes", () => {
  async function terminatedInvoice(externalCustomerId: string) {
    await customer(externalCustomerId, { tax_rate_percent: "13" });
    await subscribe(externalCustomerId, `${externalCustomerId}-sub`, basic.code);
    await lago.subscriptions.destroySubscription(`${externalCustomerId}-sub`);
    const list = await lago.invoices.findAllInvoices({ external_customer_id: externalCustomerId });
    return (await lago.invoices.findInvoice(list.data.invoices[0]!.lago_id)).data.invoice;
  }

  it("lists with Lago's filters, reads fees in cents, downloads the PDF, voids and retries", async () => {
    const invoice = await terminatedInvoice("lago-cust-inv");
    // Stripe is configured but the customer saved no card: the first charge failed and says why.
    expect(invoice).toMatchObject({ status: "finalized", payment_status: "failed", last_payment_error: expect.any(String), currency: "CAD", invoice_type: "subscription", number: expect.stringMatching(/^INV-/) });
    expect(invoice.total_amount_cents).toBe(invoice.sub_total_excluding_taxes_amount_cents + invoice.taxes_amount_cents);
    expect(invoice.fees!.map((f) => f.item.type)).toEqual(["subscription", "charge", "charge"]);
    const finalized = await lago.invoices.findAllInvoices({ external_customer_id: "lago-cust-inv", "statuses[]": ["finalized"] });
    expect(finalized.data.invoices).toHaveLength(1);
    expect((await lago.invoices.findAllInvoices({ external_customer_id: "lago-cust-inv", "statuses[]": ["voided"] })).data.invoices).toHaveLength(0);
    expect((await lagoError(otherApp.invoices.findInvoice(invoice.lago_id))).status).toBe(404);

    const downloaded = await lago.invoices.downloadInvoice(invoice.lago_id);
    const pdf = await fetch(downloaded.data.invoice.file_url!);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const forged = await fetch(downloaded.data.invoice.file_url!.replace(/token=[^&]+/, "token=forged"));
    expect(forged.status).toBe(403);

    // Lago answers a retry with 200; still no card, so the attempt fails again and the invoice says so.
    const retry = await lago.invoices.retryPayment(invoice.lago_id);
    expect(retry.status).toBe(200);
    const retried = (await retry.json()) as { payment_status: string; invoice: { payment_status: string; payment_attempts: number } };
    expect(retried).toMatchObject({ payment_status: "failed", invoice: { payment_status: "failed", payment_attempts: 2 } });

    const voided = await lago.invoices.voidInvoice(invoice.lago_id);
    expect(voided.data.invoice).toMatchObject({ status: "voided", total_due_amount_cents: 0, voided_at: expect.any(String) });
  });

  it("credits exactly credit_amount_cents, and items per fee with tax, or refuses naming the field", async () => {
    const invoice = await terminatedInvoice("lago-cust-cn");
    const { data } = await lago.creditNotes.createCreditNote({ credit_note: { invoice_id: invoice.lago_id, reason: "other", credit_amount_cents: 100, items: [] } });
    expect(data.credit_note).toMatchObject({ total_amount_cents: 100, credit_amount_cents: 100, refund_amount_cents: 0, lago_invoice_id: invoice.lago_id, currency: "CAD" });
    const after = (await lago.invoices.findInvoice(invoice.lago_id)).data.invoice;
    expect(after).toMatchObject({ status: "finalized", credit_notes_amount_cents: 100, total_due_amount_cents: invoice.total_amount_cents - 100 });

    const base = invoice.fees!.find((f) => f.item.type === "subscription")!;
    const withItems = await lago.creditNotes.createCreditNote({
      credit_note: { invoice_id: invoice.lago_id, reason: "order_change", items: [{ fee_id: base.lago_id!, amount_cents: 500 }], credit_amount_cents: 565 },
    });
    expect(withItems.data.credit_note).toMatchObject({ sub_total_excluding_taxes_amount_cents: 500, taxes_amount_cents: 65, total_amount_cents: 565, reason: "order_change" });
    expect(withItems.data.credit_note.items).toEqual([expect.objectContaining({ amount_cents: 500, fee: expect.objectContaining({ lago_id: base.lago_id }) })]);

    const mismatch = await lagoError(
      lago.creditNotes.createCreditNote({ credit_note: { invoice_id: invoice.lago_id, items: [{ fee_id: base.lago_id!, amount_cents: 100 }], credit_amount_cents: 500 } }),
    );
    expect([mismatch.status, Object.keys(mismatch.body.error_details as object)]).toEqual([422, ["credit_note.items"]]);
    const refund = await lagoError(lago.creditNotes.createCreditNote({ credit_note: { invoice_id: invoice.lago_id, refund_amount_cents: 100, items: [] } }));
    expect([refund.status, Object.keys(refund.body.error_details as object)]).toEqual([422, ["credit_note.refund_amount_cents"]]);
    const offset = await lagoError(lago.creditNotes.createCreditNote({ credit_note: { invoice_id: invoice.lago_id, offset_amount_cents: 100, items: [] } }));
    expect(Object.keys(offset.body.error_details as object)).toEqual(["credit_note.offset_amount_cents"]);

    const listed = await lago.creditNotes.findAllCreditNotes({ external_customer_id: "lago-cust-cn" });
    expect(listed.data.credit_notes.map((n) => n.total_amount_cents).sort((a, b) => a - b)).toEqual([100, 565]);
    // Each credit note went to the billing contact with its PDF.
    const mails = await db.outboxEmail.findMany({ where: { to: "lago-cust-cn@example.test" }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Invoice INV-/), expect.stringMatching(/^Credit note/), expect.stringMatching(/^Credit note/)]);
    expect(mails[1]!.attachments).toEqual([{ kind: "billing_credit_note", id: data.credit_note.lago_id }]);
  });
});

describe("plans and billable metrics", () => {
  it("lists plans with charges and metrics in Lago's shapes", async () => {
    const { data } = await lago.plans.findPlan(basic.code);
    expect(data.plan).toMatchObject({ code: basic.code, amount_cents: 3000, amount_currency: "CAD", interval: "monthly" });
    expect(data.plan.charges![0]).toMatchObject({ billable_metric_code: cpu.code, charge_model: "standard", properties: { amount: "0.0075" } });
    const plans = await lago.plans.findAllPlans({ per_page: 100 });
    expect(plans.data.plans.map((p) => p.code)).toEqual(expect.arrayContaining([basic.code, pro.code]));
    const metric = await lago.billableMetrics.findBillableMetric(cpu.code);
    expect(metric.data.billable_metric).toMatchObject({ code: cpu.code, field_name: "seconds", aggregation_type: "sum_agg" });
    const metrics = await lago.billableMetrics.findAllBillableMetrics({ per_page: 100 });
    expect(metrics.data.billable_metrics.map((m) => m.code)).toEqual(expect.arrayContaining([cpu.code, seats.code]));
  });
});
