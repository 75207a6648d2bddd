/**
 * Stripe takes amounts in three-decimal currencies (KWD, BHD, …) only in
 * steps of 10 minor units. A KWD 12.345 invoice is charged 12.340 through the
 * real SDK against the fake (which refuses 12345 as Stripe does); the 0.005
 * left is carried to the next invoice, once, however often the charge is
 * retried or its webhook redelivered.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { planCreditNote } from "../credit-notes/create-credit-note";
import { closeSubscriptionPeriod } from "../rating/close-period";
import { makeCustomer, makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";
import { startFakeStripeForFile } from "../testing/fake-stripe";
import { chargeInvoice } from "./charge-invoice";
import { receiveStripeWebhook } from "./receive-stripe-webhook";
import { chargeableAmount, chargeStepNote, stripeAmountStep } from "./stripe-amount";
import { ensureStripeCustomer, savePaymentMethod } from "./stripe-customer";

const WEBHOOK_SECRET = "whsec_test_three_decimal";
const DUNNING = [86_400_000];
const DEC_1 = new Date("2026-12-01T00:00:00Z");
const JAN_1 = new Date("2027-01-01T00:00:00Z");

const stripeCtx = startFakeStripeForFile();

describe("chargeableAmount", () => {
  it("rounds three-decimal currencies down to Stripe's step of 10 and keeps the rest exactly; other currencies are untouched", () => {
    expect(stripeAmountStep("kwd")).toBe(10);
    const kwd = chargeableAmount("12.345", "KWD");
    expect([kwd.minor, kwd.remainder.toFixed()]).toEqual([12340, "0.005"]);
    const even = chargeableAmount("12.340", "BHD");
    expect([even.minor, even.remainder.toFixed()]).toEqual([12340, "0"]);
    expect(chargeableAmount("12.349", "OMR").minor).toBe(12340);
    expect(chargeableAmount("55.37", "CAD").minor).toBe(5537);
    expect(chargeableAmount("500", "JPY").minor).toBe(500);
    expect(chargeStepNote("KWD")).toMatch(/steps of KWD 0\.010/);
    expect(chargeStepNote("CAD")).toBeNull();
  });
});

describe("charging a KWD invoice", () => {
  it("charges 12.340 for 12.345, carries 0.005 to the next invoice once, and bills it there", async () => {
    const service = (await makeService()).service;
    const plan = await makePlan({ basePrice: "12.345", currency: "KWD" });
    const customer = await makeCustomer({ taxRatePercent: "0" });
    const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, customerId: customer.id, startAt: new Date("2026-11-01T00:00:00Z") });
    const cus = await ensureStripeCustomer(db, stripeCtx.stripe, customer.id);
    const pm = await stripeCtx.stripe.paymentMethods.attach("pm_card_visa", { customer: cus });
    await savePaymentMethod(db, stripeCtx.stripe, cus, pm.id, DEC_1);
    const november = (await closeSubscriptionPeriod(db, sub.id, { now: DEC_1 })).chargeableInvoiceIds[0]!;
    expect((await db.billingInvoice.findUniqueOrThrow({ where: { id: november } })).total.toFixed(3)).toBe("12.345");

    const charge = (invoiceId: string, now: Date) => chargeInvoice(db, stripeCtx.stripe, invoiceId, { now, dunningScheduleMs: DUNNING, force: true });
    // Concurrent attempts and a later retry: one PaymentIntent, for an amount Stripe accepts.
    const outcomes = await Promise.all([charge(november, DEC_1), charge(november, DEC_1), charge(november, DEC_1)]);
    expect(outcomes.filter((o) => o.status === "succeeded")).toHaveLength(1);
    expect((await charge(november, DEC_1)).status).toBe("skipped");
    const intents = [...stripeCtx.fake.state.paymentIntents.values()].filter((pi) => pi.customer === cus);
    expect(intents.map((pi) => [pi.amount, pi.currency, pi.status])).toEqual([[12340, "kwd", "succeeded"]]);
    expect(String(intents[0]!.description)).toContain("KWD 0.005");
    expect((intents[0]!.metadata as Record<string, string>).uncharged_remainder).toBe("0.005");

    // Stripe's webhook for the same charge, twice: nothing is paid or carried again.
    const event = stripeCtx.fake.state.eventsOfType("payment_intent.succeeded").find((e) => (e.data as { object: { id: string } }).object.id === intents[0]!.id)!;
    for (let i = 0; i < 2; i++) {
      const result = await receiveStripeWebhook(db, {
        rawBody: JSON.stringify(event),
        signatureHeader: stripeCtx.stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: WEBHOOK_SECRET }),
        webhookSecret: WEBHOOK_SECRET,
        stripe: stripeCtx.stripe,
        dunningScheduleMs: DUNNING,
      });
      expect(result.status).toBe(200);
    }

    const paid = await db.billingInvoice.findUniqueOrThrow({ where: { id: november }, include: { payments: true } });
    expect([paid.status, paid.amountPaid.toFixed(3), paid.amountCarried.toFixed(3), paid.nextPaymentAttemptAt]).toEqual(["paid", "12.340", "0.005", null]);
    expect(paid.payments.map((p) => [p.status, p.amount.toFixed(3)])).toEqual([["succeeded", "12.340"]]);
    const carried = await db.billingCarriedBalance.findMany({ where: { subscriptionId: sub.id } });
    expect(carried.map((c) => [c.fromInvoiceId, c.amount.toFixed(3), c.currency])).toEqual([[november, "0.005", "KWD"]]);

    // December bills its own 12.345 plus November's 0.005: 12.350, charged whole.
    const december = (await closeSubscriptionPeriod(db, sub.id, { now: JAN_1 })).chargeableInvoiceIds[0]!;
    const lines = await db.billingInvoiceLine.findMany({ where: { invoiceId: december }, orderBy: { position: "asc" } });
    expect(lines.map((l) => [l.kind, l.amount.toFixed(3)])).toEqual([
      ["base", "12.345"],
      ["carried_balance", "0.005"],
    ]);
    expect((await charge(december, JAN_1)).status).toBe("succeeded");
    const settled = await db.billingInvoice.findUniqueOrThrow({ where: { id: december } });
    expect([settled.status, settled.total.toFixed(3), settled.amountPaid.toFixed(3), settled.amountCarried.toFixed(3)]).toEqual(["paid", "12.350", "12.350", "0.000"]);
    expect([...stripeCtx.fake.state.paymentIntents.values()].filter((pi) => pi.customer === cus).map((pi) => pi.amount)).toEqual([12340, 12350]);
  });
});

describe("refunding a KWD payment", () => {
  const paid = { total: "12.345", amountPaid: "12.340", amountCredited: "0", amountRefunded: "0", amountCarried: "0.005", taxRatePercent: "0", currency: "KWD" };

  it("refunds in steps of 0.010 and refuses, naming the field, a refund Stripe would refuse", () => {
    expect(planCreditNote(paid, "1.230").refundAmount).toBe("1.230");
    expect(() => planCreditNote(paid, "1.235")).toThrow(/steps of KWD 0\.010 .*; KWD 1\.235 is not one/);
    try {
      planCreditNote(paid, "1.235", { creditAmount: "0", fields: { total: "amount_cents", credit: "credit_amount_cents", refund: "refund_amount_cents" } });
      throw new Error("accepted");
    } catch (error) {
      expect((error as { details?: { fieldErrors?: Record<string, string> } }).details?.fieldErrors).toHaveProperty("refund_amount_cents");
    }
  });
});
