/**
 * The Lago-shaped billing API through its real route handlers: bearer auth per
 * service, rate limit, per-item usage results, scoping between services, and
 * `{ code, message, details }` errors with the right 4xx for bad input.
 */
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingApiRateLimiter } from "@/server/billing/api/rate-limiter";
import { rotateServiceKey, updateService } from "@/server/billing/services/services";
import { closeSubscriptionPeriod } from "@/server/billing/rating/close-period";
import { makeMetric, makePlan, makeService } from "@/server/billing/testing/billing-fixtures";
import { db } from "@/server/db";
import { POST as postStripeWebhook } from "../../webhooks/stripe/route";
import { GET as getCatalog } from "./catalog/route";
import { POST as postCreditNote } from "./credit_notes/route";
import { POST as upsertCustomer } from "./customers/route";
import { GET as getInvoice } from "./invoices/[id]/route";
import { POST as voidInvoiceRoute } from "./invoices/[id]/void/route";
import { GET as listInvoicesRoute } from "./invoices/route";
import { GET as getPlans } from "./plans/route";
import { DELETE as cancelSubscription, PUT as changeSubscription } from "./subscriptions/[externalId]/route";
import { POST as createSubscriptionRoute } from "./subscriptions/route";
import { POST as postUsage } from "./usage/route";

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

let keyA: string;
let keyB: string;
let metricCode: string;
let planCode: string;
let otherPlanCode: string;

function call<P extends object>(handler: Handler<P>, method: string, path: string, opts: { key?: string | null; body?: unknown; raw?: string; params?: P } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.key !== null) headers.authorization = `Bearer ${opts.key ?? keyA}`;
  const request = new Request(`http://localhost/api/billing/v1${path}`, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  return handler(request, { params: Promise.resolve((opts.params ?? {}) as P) });
}

// Response bodies are read loosely on purpose: the assertions check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

async function json(response: Response): Promise<Body> {
  return (await response.json()) as Body;
}

const customerBody = (externalId: string, email: string) => ({
  customer: { external_id: externalId, name: "Acme Hosting", email, address: { city: "Toronto", region: "ON", country: "CA" }, tax_rate_percent: "13" },
});

beforeAll(async () => {
  keyA = (await makeService()).apiKey;
  keyB = (await makeService()).apiKey;
  const metric = await makeMetric("sum");
  metricCode = metric.code;
  planCode = (await makePlan({ basePrice: "49.00", charges: [{ metricId: metric.id, model: "standard", includedQuota: "100", unitPrice: "0.5" }] })).code;
  otherPlanCode = (await makePlan({ basePrice: "99.00" })).code;
});
afterAll(() => {
  delete process.env.STRIPE_WEBHOOK_SECRET;
});

describe("authentication and errors", () => {
  it("refuses a missing or wrong key with 401 and a JSON error", async () => {
    for (const key of [null, "sbk_not_a_real_key"]) {
      const response = await call(getPlans, "GET", "/plans", { key });
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ code: "unauthorized", message: expect.any(String), details: {} });
    }
  });

  it("refuses a deactivated service with 403", async () => {
    const { service, apiKey } = await makeService();
    await db.billingService.update({ where: { id: service.id }, data: { active: false } });
    expect((await call(getPlans, "GET", "/plans", { key: apiKey })).status).toBe(403);
  });

  it("a rotated key or a deactivated service is refused at once, though a recognised key is remembered for a few seconds", async () => {
    const { service, apiKey } = await makeService();
    expect((await call(getPlans, "GET", "/plans", { key: apiKey })).status).toBe(200);
    const { apiKey: newKey } = await rotateServiceKey(db, service.id);
    expect((await call(getPlans, "GET", "/plans", { key: apiKey })).status).toBe(401);
    expect((await call(getPlans, "GET", "/plans", { key: newKey })).status).toBe(200);
    await updateService(db, service.id, { active: false });
    expect((await call(getPlans, "GET", "/plans", { key: newKey })).status).toBe(403);
  });

  it("answers bad JSON with 400 and bad fields with 422 naming each one", async () => {
    const broken = await call(upsertCustomer, "POST", "/customers", { raw: "{not json" });
    expect([broken.status, (await json(broken)).code]).toEqual([400, "invalid_request"]);
    const invalid = await call(upsertCustomer, "POST", "/customers", { body: { customer: { external_id: "", email: "nope", tax_rate_percent: 13 } } });
    expect(invalid.status).toBe(422);
    const body = await json(invalid);
    expect(body).toMatchObject({ status: 422, error: "Unprocessable Entity", code: "validation_errors" });
    expect(Object.keys(body.error_details)).toEqual(expect.arrayContaining(["customer.external_id", "customer.email", "customer.tax_rate_percent"]));
    expect(Object.keys(body.details.fieldErrors)).toEqual(Object.keys(body.error_details));
    expect(body.details.fieldErrors["customer.tax_rate_percent"]).toMatch(/string/);
  });

  it("answers 429 with Retry-After once the service's rate limit is used up", async () => {
    const { apiKey, service } = await makeService({ rateLimitPerMinute: 2 });
    billingApiRateLimiter.reset();
    expect((await call(getPlans, "GET", "/plans", { key: apiKey })).status).toBe(200);
    expect((await call(getPlans, "GET", "/plans", { key: apiKey })).status).toBe(200);
    const limited = await call(getPlans, "GET", "/plans", { key: apiKey });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await json(limited)).toMatchObject({ code: "rate_limited", details: { limit_per_minute: 2 } });
    // Other services are not affected.
    expect((await call(getPlans, "GET", "/plans", { key: keyA })).status).toBe(200);
    expect(service.code).toBeTruthy();
  });
});

describe("customers, subscriptions and usage", () => {
  it("upserts customers and folds one client's accounts in two apps into one customer", async () => {
    const created = await call(upsertCustomer, "POST", "/customers", { body: customerBody("acct-1", "ops@acme.test") });
    expect(created.status).toBe(201);
    const first = (await json(created)).customer;
    // Our earlier nested address is still read, and answered in Lago's flat fields.
    expect(first).toMatchObject({ external_id: "acct-1", tax_rate_percent: "13", state: "ON", city: "Toronto", country: "CA" });
    const updated = await call(upsertCustomer, "POST", "/customers", { body: { customer: { ...customerBody("acct-1", "ops@acme.test").customer, name: "Acme Hosting Inc" } } });
    expect(updated.status).toBe(200);
    const otherApp = await call(upsertCustomer, "POST", "/customers", { key: keyB, body: customerBody("user-77", "OPS@acme.test") });
    expect((await json(otherApp)).customer.lago_id).toBe(first.lago_id);
    const customer = await db.customer.findUniqueOrThrow({ where: { id: first.lago_id }, include: { billingAccountLinks: true } });
    // The latest details win; both accounts now point at the one customer.
    expect(customer.name).toBe("Acme Hosting");
    expect(customer.billingAccountLinks.map((l) => l.externalId).sort()).toEqual(["acct-1", "user-77"]);
  });

  it("folds an app account into a customer the CRM already has, keeping what the app did not send", async () => {
    const crm = await db.customer.create({ data: { name: "Maple Dental", email: "office@maple.test", phone: "+1 416 555 0142", taxId: "BN 1", taxRatePercent: "13" } });
    const response = await call(upsertCustomer, "POST", "/customers", { body: { customer: { external_id: "maple", name: "Maple Dental Group", email: "office@maple.test" } } });
    expect(response.status).toBe(200);
    const after = await db.customer.findUniqueOrThrow({ where: { id: crm.id } });
    expect([after.name, after.phone, after.taxId, after.taxRatePercent.toFixed()]).toEqual(["Maple Dental Group", "+1 416 555 0142", "BN 1", "13"]);
  });

  it("creates a subscription, refuses duplicates and unknown references with the right status", async () => {
    await call(upsertCustomer, "POST", "/customers", { body: customerBody("acct-2", "two@acme.test") });
    const body = { subscription: { external_customer_id: "acct-2", plan_code: planCode, external_id: "deploy-2", subscription_at: "2026-11-01T00:00:00Z" } };
    const created = await call(createSubscriptionRoute, "POST", "/subscriptions", { body });
    expect(created.status).toBe(201);
    expect((await json(created)).subscription).toMatchObject({
      external_id: "deploy-2",
      status: "active",
      plan_code: planCode,
      current_billing_period_started_at: "2026-11-01T00:00:00.000Z",
      current_billing_period_ending_at: "2026-12-01T00:00:00.000Z",
    });
    // The same body again is Lago's idempotent create: the same subscription, unchanged.
    const again = await call(createSubscriptionRoute, "POST", "/subscriptions", { body });
    expect(again.status).toBe(200);
    expect((await json(again)).subscription).toMatchObject({ external_id: "deploy-2", plan_code: planCode });
    const unknownPlan = await call(createSubscriptionRoute, "POST", "/subscriptions", { body: { subscription: { ...body.subscription, external_id: "d3", plan_code: "nope" } } });
    expect([unknownPlan.status, (await json(unknownPlan)).code]).toEqual([404, "not_found"]);
    const unknownCustomer = await call(createSubscriptionRoute, "POST", "/subscriptions", { body: { subscription: { ...body.subscription, external_id: "d4", external_customer_id: "ghost" } } });
    expect(unknownCustomer.status).toBe(404);
    // Another service cannot see or use this customer.
    expect((await call(createSubscriptionRoute, "POST", "/subscriptions", { key: keyB, body: { subscription: { ...body.subscription, external_id: "d5" } } })).status).toBe(404);

    const changed = await call(changeSubscription, "PUT", "/subscriptions/deploy-2", { params: { externalId: "deploy-2" }, body: { subscription: { plan_code: otherPlanCode } } });
    expect((await json(changed)).subscription).toMatchObject({ plan_code: planCode, next_plan_code: otherPlanCode });
    const cancelled = await call(cancelSubscription, "DELETE", "/subscriptions/deploy-2?when=period_end", { params: { externalId: "deploy-2" } });
    expect((await json(cancelled)).subscription).toMatchObject({ status: "active", ending_at: "2026-12-01T00:00:00.000Z" });
    expect((await call(cancelSubscription, "DELETE", "/subscriptions/nope", { params: { externalId: "nope" } })).status).toBe(404);
  });

  it("takes usage with 202 and a result per item, and refuses a batch where nothing is usable", async () => {
    await call(upsertCustomer, "POST", "/customers", { body: customerBody("acct-3", "three@acme.test") });
    await call(createSubscriptionRoute, "POST", "/subscriptions", {
      body: { subscription: { external_customer_id: "acct-3", plan_code: planCode, external_id: "deploy-3", subscription_at: "2026-11-01T00:00:00Z" } },
    });
    const item = (key: string, sub = "deploy-3", metric = metricCode) => ({
      external_subscription_id: sub,
      metric_code: metric,
      period: { from: "2026-11-02T00:00:00Z", to: "2026-11-02T01:00:00Z" },
      quantity: "150",
      idempotency_key: key,
    });
    const response = await call(postUsage, "POST", "/usage", { body: { usage: [item("k1"), item("k2", "ghost"), item("k3", "deploy-3", "nope"), item("k1")] } });
    expect(response.status).toBe(202);
    const body = await json(response);
    expect(body).toMatchObject({ accepted: 1, duplicates: 1, rejected: 2 });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "rejected", "rejected", "duplicate"]);
    expect(body.results[1].errors[0].code).toBe("unknown_subscription");

    const retry = await call(postUsage, "POST", "/usage", { body: { usage: [item("k1")] } });
    expect([retry.status, (await json(retry)).duplicates]).toEqual([202, 1]);
    const none = await call(postUsage, "POST", "/usage", { body: { usage: [item("k9", "ghost")] } });
    expect([none.status, (await json(none)).code]).toEqual([422, "all_items_rejected"]);
    const envelope = await call(postUsage, "POST", "/usage", { body: { usage: [] } });
    expect([envelope.status, (await json(envelope)).code]).toEqual([400, "invalid_request"]);
    // Another service cannot push onto this subscription.
    const foreign = await call(postUsage, "POST", "/usage", { key: keyB, body: { usage: [item("k10")] } });
    expect(foreign.status).toBe(422);
  });
});

describe("invoices, credit notes and the catalog", () => {
  it("lists and reads only the service's own invoices, voids and credits them", async () => {
    await call(upsertCustomer, "POST", "/customers", { body: customerBody("acct-4", "four@acme.test") });
    const created = await json(
      await call(createSubscriptionRoute, "POST", "/subscriptions", {
        body: { subscription: { external_customer_id: "acct-4", plan_code: planCode, external_id: "deploy-4", subscription_at: "2026-10-01T00:00:00Z" } },
      }),
    );
    await closeSubscriptionPeriod(db, created.subscription.lago_id, { now: new Date("2026-11-01T00:00:00Z") });
    const list = await json(await call(listInvoicesRoute, "GET", "/invoices?external_customer_id=acct-4"));
    expect(list.invoices).toHaveLength(1);
    const invoice = list.invoices[0];
    expect(invoice).toMatchObject({
      status: "finalized",
      sub_total_excluding_taxes_amount_cents: 4900,
      taxes_amount_cents: 637,
      total_amount_cents: 5537,
      total_due_amount_cents: 5537,
      external_subscription_id: "deploy-4",
    });
    expect(list.meta).toEqual({ current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: 1 });

    const id = invoice.lago_id as string;
    const detail = await json(await call(getInvoice, "GET", `/invoices/${id}`, { params: { id } }));
    expect(detail.invoice.fees.map((f: { item: { type: string }; amount_cents: number }) => [f.item.type, f.amount_cents])).toEqual([["subscription", 4900], ["charge", 0]]);
    expect((await call(getInvoice, "GET", `/invoices/${id}`, { key: keyB, params: { id } })).status).toBe(404);
    expect((await call(listInvoicesRoute, "GET", "/invoices?status=bogus")).status).toBe(400);
    expect((await call(listInvoicesRoute, "GET", "/invoices?per_page=1000")).status).toBe(400);

    // Our earlier decimal amount still works beside Lago's *_amount_cents.
    const credit = await call(postCreditNote, "POST", "/credit_notes", { body: { credit_note: { invoice_id: id, amount: "5.37", reason: "Outage" } } });
    expect(credit.status).toBe(200);
    expect((await json(credit)).credit_note).toMatchObject({ total_amount_cents: 537, credit_amount_cents: 537, refund_amount_cents: 0, description: "Outage" });
    const tooMuch = await call(postCreditNote, "POST", "/credit_notes", { body: { credit_note: { invoice_id: id, amount: "100.00", reason: "x" } } });
    expect([tooMuch.status, (await json(tooMuch)).error_details.amount]).toEqual([422, ["At most 50.00 can be credited on this invoice"]]);

    const voided = await call(voidInvoiceRoute, "POST", `/invoices/${id}/void`, { params: { id } });
    expect((await json(voided)).invoice).toMatchObject({ status: "voided", total_due_amount_cents: 0 });
    const again = await call(voidInvoiceRoute, "POST", `/invoices/${id}/void`, { params: { id } });
    expect([again.status, (await json(again)).code]).toEqual([409, "invalid_state"]);
  });

  it("shows plans with charges in Lago's shape", async () => {
    const body = await json(await call(getCatalog, "GET", "/catalog"));
    const plan = body.plans.find((p: { code: string }) => p.code === planCode);
    expect(plan).toMatchObject({ amount_cents: 4900, amount_currency: "CAD", charges: [{ billable_metric_code: metricCode, included_units: "100", properties: { amount: "0.5" } }] });
    expect(body.billable_metrics.some((m: { code: string }) => m.code === metricCode)).toBe(true);
  });
});

describe("POST /api/webhooks/stripe", () => {
  it("refuses a bad signature with 400 and a JSON error", async () => {
    process.env.STRIPE_WEBHOOK_SECRET = "whsec_route_test";
    const payload = JSON.stringify({ id: "evt_route", object: "event", type: "charge.refunded", data: { object: {} } });
    const signer = new Stripe("sk_test_x");
    const bad = await postStripeWebhook(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        headers: { "stripe-signature": signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_other" }) },
        body: payload,
      }),
    );
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ code: "invalid_signature" });
    const good = await postStripeWebhook(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        headers: { "stripe-signature": signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_route_test" }) },
        body: payload,
      }),
    );
    expect(good.status).toBe(200);
    expect(await json(good)).toMatchObject({ received: true });
    expect(await db.stripeEvent.findUniqueOrThrow({ where: { id: "evt_route" } })).toMatchObject({ type: "charge.refunded", error: expect.stringMatching(/without a charge id/) });
  });
});
