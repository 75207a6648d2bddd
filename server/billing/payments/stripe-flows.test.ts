/**
 * Payments against the local Stripe API fake, driven through the real SDK:
 * charging, declines and dunning, webhooks (signature, dedup, rebuilding a
 * lost payment record), saving a card through Checkout, credit notes.
 */
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "@/e2e/fakes/stripe";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { createCreditNote } from "../credit-notes/create-credit-note";
import { voidInvoice } from "../invoices/invoices";
import { closeSubscriptionPeriod } from "../rating/close-period";
import { makeMetric, makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";
import { chargeInvoice, collectDuePayments, retryInvoicePayment } from "./charge-invoice";
import { receiveStripeWebhook } from "./receive-stripe-webhook";
import { createStripeClient } from "./stripe-client";
import { createCheckoutUrl, ensureStripeCustomer, savePaymentMethod } from "./stripe-customer";

const WEBHOOK_SECRET = "whsec_test_switchboard_billing";
const DAY = 86_400_000;
const DUNNING = [1 * DAY, 2 * DAY];
const DEC_1 = new Date("2026-12-01T00:00:00Z");

let fake: FakeStripe;
let stripe: Stripe;
let serviceId: string;
let planId: string;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createStripeClient({ secretKey: fake.secretKey, apiBase: fake.url, maxNetworkRetries: 0 });
  serviceId = (await makeService()).service.id;
  const metric = await makeMetric("sum");
  planId = (await makePlan({ basePrice: "49.00", charges: [{ metricId: metric.id, model: "standard", unitPrice: "0.01" }] })).id;
});
afterAll(() => fake.close());
beforeEach(() => fake.state.reset());

/** An issued $55.37 invoice (49.00 + 13% HST) for a new customer, with a card when `card` is given. */
async function issuedInvoice(card: string | null = "pm_card_visa") {
  const sub = await makeSubscription({ serviceId, planId, startAt: new Date("2026-11-01T00:00:00Z") });
  if (card) {
    const cus = await ensureStripeCustomer(db, stripe, sub.customerId);
    const pm = await stripe.paymentMethods.attach(card, { customer: cus });
    await savePaymentMethod(db, stripe, cus, pm.id, DEC_1);
  }
  const closed = await closeSubscriptionPeriod(db, sub.id, { now: DEC_1 });
  const invoiceId = closed.chargeableInvoiceIds[0];
  if (!invoiceId) throw new Error("no invoice issued");
  return { sub, invoiceId };
}

function signed(event: Stripe.Event | Record<string, unknown>, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(event);
  return { rawBody: payload, signatureHeader: stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

const deliver = (event: Stripe.Event | Record<string, unknown>, secret?: string) =>
  receiveStripeWebhook(db, { ...signed(event, secret), webhookSecret: WEBHOOK_SECRET, stripe, dunningScheduleMs: DUNNING });

const eventTypes = async (ids: string[]) => (await db.billingEvent.findMany({ where: { id: { in: ids } } })).map((e) => e.type);

describe("charging an issued invoice", () => {
  it("charges the saved card once, with one PaymentIntent keyed by the invoice", async () => {
    const { invoiceId, sub } = await issuedInvoice();
    const outcome = await chargeInvoice(db, stripe, invoiceId, { now: DEC_1, dunningScheduleMs: DUNNING });
    expect(outcome.status).toBe("succeeded");
    expect(await eventTypes(outcome.eventIds)).toEqual(["invoice.payment_succeeded"]);
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { payments: true } });
    expect([invoice.status, invoice.amountPaid.toFixed(2), invoice.paidAt?.toISOString()]).toEqual(["paid", "55.37", DEC_1.toISOString()]);
    expect(invoice.payments.map((p) => [p.attempt, p.status, p.amount.toFixed(2)])).toEqual([[1, "succeeded", "55.37"]]);
    expect(invoice.payments[0]?.stripeChargeId).toMatch(/^ch_/);
    const intents = [...fake.state.paymentIntents.values()];
    expect(intents.map((pi) => [pi.amount, pi.currency, pi.status])).toEqual([[5537, "cad", "succeeded"]]);
    expect(fake.state.requests.find((r) => r.path === "/v1/payment_intents")?.idempotencyKey).toBe(`invoice_${invoiceId}`);
    // A second run finds nothing to do.
    expect((await chargeInvoice(db, stripe, invoiceId, { now: DEC_1, dunningScheduleMs: DUNNING, force: true })).status).toBe("skipped");
    expect(fake.state.paymentIntents.size).toBe(1);
    expect((await db.billingSubscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("active");
  });

  it("does not charge twice when Stripe charged but our write was lost", async () => {
    const { invoiceId } = await issuedInvoice();
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { customer: true } });
    // The request that reached Stripe before our process died:
    await stripe.paymentIntents.create(
      {
        amount: 5537,
        currency: "cad",
        customer: invoice.customer.stripeCustomerId!,
        payment_method: invoice.customer.stripePaymentMethodId!,
        confirm: true,
        off_session: true,
        description: `Invoice ${invoice.number}`,
        metadata: { switchboard_invoice_id: invoiceId, invoice_number: invoice.number ?? "" },
      },
      { idempotencyKey: `invoice_${invoiceId}` },
    );
    const outcome = await chargeInvoice(db, stripe, invoiceId, { now: DEC_1, dunningScheduleMs: DUNNING });
    expect(outcome.status).toBe("succeeded");
    expect(fake.state.charges.size).toBe(1);
    expect(fake.state.requests.filter((r) => r.path === "/v1/payment_intents").map((r) => r.replayed)).toEqual([false, true]);
  });

  it("retries a declined card on the dunning schedule, then marks the invoice uncollectible", async () => {
    const { invoiceId, sub } = await issuedInvoice("pm_card_chargeCustomerFail");
    const first = await chargeInvoice(db, stripe, invoiceId, { now: DEC_1, dunningScheduleMs: DUNNING });
    expect(first.status).toBe("failed");
    let invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect([invoice.status, invoice.nextPaymentAttemptAt?.toISOString()]).toEqual(["open", new Date(DEC_1.getTime() + DAY).toISOString()]);
    expect(invoice.lastPaymentError).toMatch(/generic_decline/);
    expect((await db.billingSubscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("past_due");
    const failedEvent = await db.billingEvent.findFirstOrThrow({ where: { id: first.eventIds[0] } });
    expect(JSON.parse(failedEvent.payload).data).toMatchObject({ final: false, next_payment_attempt_at: invoice.nextPaymentAttemptAt?.toISOString() });

    expect((await collectDuePayments(db, stripe, { now: new Date(DEC_1.getTime() + DAY / 2), dunningScheduleMs: DUNNING })).attempted).toBe(0);
    const second = await collectDuePayments(db, stripe, { now: new Date(DEC_1.getTime() + DAY), dunningScheduleMs: DUNNING });
    expect(second.outcomes.map((o) => o.status)).toEqual(["failed"]);
    invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect(invoice.nextPaymentAttemptAt?.toISOString()).toBe(new Date(DEC_1.getTime() + 3 * DAY).toISOString());

    const third = await collectDuePayments(db, stripe, { now: new Date(DEC_1.getTime() + 3 * DAY), dunningScheduleMs: DUNNING });
    expect(third.outcomes.map((o) => o.status)).toEqual(["failed"]);
    const uncollectible = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { payments: { orderBy: { attempt: "asc" } } } });
    expect([uncollectible.status, uncollectible.nextPaymentAttemptAt]).toEqual(["uncollectible", null]);
    expect(uncollectible.payments.map((p) => [p.attempt, p.status])).toEqual([[1, "failed"], [2, "failed"], [3, "failed"]]);
    const finalEvent = await db.billingEvent.findFirstOrThrow({ where: { id: third.eventIds[0] } });
    expect(JSON.parse(finalEvent.payload)).toMatchObject({ type: "invoice.payment_failed", data: { final: true } });
    // One PaymentIntent, confirmed again on each retry with its own idempotency key.
    expect(fake.state.paymentIntents.size).toBe(1);
    expect(fake.state.requests.filter((r) => r.path.endsWith("/confirm")).map((r) => r.idempotencyKey)).toEqual([
      `invoice_${invoiceId}_attempt_2`,
      `invoice_${invoiceId}_attempt_3`,
    ]);
    expect((await collectDuePayments(db, stripe, { now: new Date(DEC_1.getTime() + 30 * DAY), dunningScheduleMs: DUNNING })).attempted).toBe(0);

    // The customer saves a working card; a manual retry collects and reactivates the subscription.
    const customer = await db.customer.findUniqueOrThrow({ where: { id: sub.customerId } });
    const good = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.stripeCustomerId! });
    await savePaymentMethod(db, stripe, customer.stripeCustomerId!, good.id);
    const retried = await retryInvoicePayment(db, stripe, invoiceId, { dunningScheduleMs: DUNNING });
    expect(retried.status).toBe("succeeded");
    expect((await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe("paid");
    expect((await db.billingSubscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("active");
  });

  it("counts a customer without a card as a failed attempt and moves on with dunning", async () => {
    const { invoiceId } = await issuedInvoice(null);
    const outcome = await chargeInvoice(db, stripe, invoiceId, { now: DEC_1, dunningScheduleMs: DUNNING });
    expect(outcome.status).toBe("failed");
    const payment = await db.billingPayment.findFirstOrThrow({ where: { invoiceId } });
    expect(payment.failureCode).toBe("no_payment_method");
    expect(fake.state.paymentIntents.size).toBe(0);
  });
});

describe("Stripe webhooks", () => {
  it("refuses a bad signature and stores nothing", async () => {
    const event = { id: "evt_forged", object: "event", type: "payment_intent.succeeded", data: { object: { id: "pi_x", object: "payment_intent" } } };
    const result = await deliver(event, "whsec_not_ours");
    expect(result.status).toBe(400);
    expect(result.body.code).toBe("invalid_signature");
    expect(await db.stripeEvent.count({ where: { id: "evt_forged" } })).toBe(0);
    const unsigned = await receiveStripeWebhook(db, { rawBody: "{}", signatureHeader: null, webhookSecret: WEBHOOK_SECRET, stripe, dunningScheduleMs: DUNNING });
    expect(unsigned.status).toBe(400);
  });

  it("rebuilds a payment our own write lost, and applies a redelivered event once", async () => {
    const { invoiceId } = await issuedInvoice();
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { customer: true } });
    // Charged by an earlier attempt whose database write never happened:
    await stripe.paymentIntents.create({
      amount: 5537,
      currency: "cad",
      customer: invoice.customer.stripeCustomerId!,
      payment_method: invoice.customer.stripePaymentMethodId!,
      confirm: true,
      off_session: true,
      metadata: { switchboard_invoice_id: invoiceId },
    });
    expect(await db.billingPayment.count({ where: { invoiceId } })).toBe(0);
    const event = fake.state.eventsOfType("payment_intent.succeeded")[0]!;
    const first = await deliver(event);
    expect(first.status).toBe(200);
    expect(await eventTypes(first.eventIds)).toEqual(["invoice.payment_succeeded"]);
    const second = await deliver(event);
    expect(second.body.duplicate).toBe(true);
    const payments = await db.billingPayment.findMany({ where: { invoiceId } });
    expect(payments.map((p) => [p.status, p.amount.toFixed(2), p.rebuiltFromWebhook])).toEqual([["succeeded", "55.37", true]]);
    const after = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect([after.status, after.amountPaid.toFixed(2)]).toEqual(["paid", "55.37"]);
    expect((await db.stripeEvent.findUniqueOrThrow({ where: { id: String(event.id) } })).processedAt).not.toBeNull();
  });

  it("holds a payment in another currency or of another amount for review and never marks the invoice paid", async () => {
    const { invoiceId } = await issuedInvoice();
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { customer: true } });
    const charge = (amount: number, currency: string) =>
      stripe.paymentIntents.create({
        amount,
        currency,
        customer: invoice.customer.stripeCustomerId!,
        payment_method: invoice.customer.stripePaymentMethodId!,
        confirm: true,
        off_session: true,
        metadata: { switchboard_invoice_id: invoiceId },
      });
    await charge(52472, "usd");
    await charge(1130, "cad");
    const [usd, short] = fake.state.eventsOfType("payment_intent.succeeded");
    for (const event of [usd!, short!, usd!]) expect((await deliver(event)).status).toBe(200);

    const after = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect([after.status, after.amountPaid.toFixed(2), after.paidAt]).toEqual(["open", "0.00", null]);
    expect(await db.billingPayment.count({ where: { invoiceId, status: "succeeded" } })).toBe(0);
    const reviews = await db.billingPaymentReview.findMany({ where: { invoiceId }, orderBy: { amountMinor: "desc" } });
    expect(reviews.map((r) => r.reason)).toEqual([
      "Stripe charged USD 524.72, but the invoice is in CAD (CAD 55.37 owed)",
      "Stripe charged CAD 11.30, but the invoice owed CAD 55.37",
    ]);
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const shown = await admin.billing.payments.reviews();
    expect(shown.filter((r) => r.invoiceId === invoiceId)).toHaveLength(2);
  });

  it("treats the failure webhook of a decline we already recorded as a no-op", async () => {
    const { invoiceId } = await issuedInvoice("pm_card_chargeCustomerFail");
    await chargeInvoice(db, stripe, invoiceId, { now: DEC_1, dunningScheduleMs: DUNNING });
    const before = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    const result = await deliver(fake.state.eventsOfType("payment_intent.payment_failed")[0]!);
    expect(result.status).toBe(200);
    expect(result.eventIds).toEqual([]);
    const after = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect(after.nextPaymentAttemptAt?.toISOString()).toBe(before.nextPaymentAttemptAt?.toISOString());
    expect(await db.billingPayment.count({ where: { invoiceId } })).toBe(1);
  });

  it("saves the card a customer adds on the Checkout page", async () => {
    const sub = await makeSubscription({ serviceId, planId });
    const url = await createCheckoutUrl(db, stripe, sub.customerId, { successUrl: "http://localhost/ok", cancelUrl: "http://localhost/no" });
    expect(url.startsWith(`${fake.url}/checkout/cs_test_`)).toBe(true);
    fake.completeCheckoutSession(url.split("/").pop()!, "pm_card_mastercard");
    const completed = fake.state.eventsOfType("checkout.session.completed")[0]!;
    expect((await deliver(completed)).status).toBe(200);
    const customer = await db.customer.findUniqueOrThrow({ where: { id: sub.customerId } });
    expect(customer.paymentMethodLabel).toBe("mastercard •••• 4444");
    const stripeCustomer = (await stripe.customers.retrieve(customer.stripeCustomerId!)) as Stripe.Customer;
    expect(stripeCustomer.invoice_settings.default_payment_method).toBe(customer.stripePaymentMethodId);
  });
});

describe("credit notes and voiding", () => {
  it("refunds part of a paid invoice to the card, then the rest, and no more", async () => {
    const { invoiceId } = await issuedInvoice();
    await chargeInvoice(db, stripe, invoiceId, { now: DEC_1, dunningScheduleMs: DUNNING });
    const note = await createCreditNote(db, stripe, { invoiceId, amount: "11.30", reason: "Outage credit" });
    expect([note.number, note.total.toFixed(2), note.subtotal.toFixed(2), note.taxAmount.toFixed(2), note.refundAmount.toFixed(2)]).toEqual([
      note.number,
      "11.30",
      "10.00",
      "1.30",
      "11.30",
    ]);
    expect(note.number).toMatch(/^CN-\d{6}$/);
    expect([...fake.state.refunds.values()].map((r) => r.amount)).toEqual([1130]);
    let payment = await db.billingPayment.findFirstOrThrow({ where: { invoiceId } });
    expect([payment.status, payment.amountRefunded.toFixed(2)]).toEqual(["partially_refunded", "11.30"]);
    await createCreditNote(db, stripe, { invoiceId, reason: "Cancelled" });
    payment = await db.billingPayment.findFirstOrThrow({ where: { invoiceId } });
    expect([payment.status, payment.amountRefunded.toFixed(2)]).toEqual(["refunded", "55.37"]);
    await expect(createCreditNote(db, stripe, { invoiceId, amount: "0.01", reason: "More" })).rejects.toThrow(/At most 0.00/);
    // Stripe's own refund webhook agrees with what we stored.
    const refunded = fake.state.eventsOfType("charge.refunded").at(-1)!;
    await deliver(refunded);
    payment = await db.billingPayment.findFirstOrThrow({ where: { invoiceId } });
    expect([payment.status, payment.amountRefunded.toFixed(2)]).toEqual(["refunded", "55.37"]);
  });

  it("takes a credit off an unpaid invoice, voids it when fully credited, and refuses to void a paid one", async () => {
    const { invoiceId } = await issuedInvoice(null);
    await createCreditNote(db, stripe, { invoiceId, amount: "5.37", reason: "Goodwill" });
    let invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect([invoice.status, invoice.amountCredited.toFixed(2)]).toEqual(["open", "5.37"]);
    await createCreditNote(db, stripe, { invoiceId, reason: "Waived" });
    invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect([invoice.status, invoice.amountCredited.toFixed(2)]).toEqual(["void", "55.37"]);
    expect(fake.state.refunds.size).toBe(0);

    const paid = await issuedInvoice();
    await chargeInvoice(db, stripe, paid.invoiceId, { now: DEC_1, dunningScheduleMs: DUNNING });
    await expect(voidInvoice(db, stripe, paid.invoiceId)).rejects.toThrow(/credit note/);
    const open = await issuedInvoice(null);
    expect((await voidInvoice(db, stripe, open.invoiceId)).status).toBe("void");
    expect((await chargeInvoice(db, stripe, open.invoiceId, { dunningScheduleMs: DUNNING, force: true })).status).toBe("skipped");
  });
});
