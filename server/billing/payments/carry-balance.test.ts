/**
 * An invoice below Stripe's minimum charge is carried to the subscription's
 * next invoice, once, however often the charge is retried or the next draft
 * is refreshed.
 */
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { closeSubscriptionPeriod } from "../rating/close-period";
import { rateOpenPeriods } from "../rating/rate-open-periods";
import { makeCustomer, makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";
import { chargeInvoice } from "./charge-invoice";

// Never called: amounts below the minimum are settled before any Stripe request.
const stripe = new Stripe("sk_test_never_called", { host: "127.0.0.1", port: 9, protocol: "http", maxNetworkRetries: 0 });
const charge = (invoiceId: string) => chargeInvoice(db, stripe, invoiceId, { dunningScheduleMs: [1000], force: true });

async function smallSubscription() {
  const service = (await makeService()).service;
  const plan = await makePlan({ basePrice: "0.01" });
  const customer = await makeCustomer({ taxRatePercent: "0" });
  return makeSubscription({ serviceId: service.id, planId: plan.id, customerId: customer.id, startAt: new Date("2026-09-01T00:00:00Z") });
}

const linesOf = (invoiceId: string) => db.billingInvoiceLine.findMany({ where: { invoiceId }, orderBy: { position: "asc" } });

describe("carrying a balance below the minimum charge", () => {
  it("bills it once on the next invoice, even when the charge is retried and run concurrently", async () => {
    const sub = await smallSubscription();
    const september = (await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-10-01T00:00:00Z") })).issuedInvoiceIds[0]!;
    // Three concurrent attempts and a later retry: one carry.
    await Promise.all([charge(september), charge(september), charge(september)]);
    expect((await charge(september)).status).toBe("skipped");
    const carried = await db.billingCarriedBalance.findMany({ where: { subscriptionId: sub.id } });
    expect(carried.map((c) => [c.fromInvoiceId, c.amount.toFixed(2)])).toEqual([[september, "0.01"]]);
    const settled = await db.billingInvoice.findUniqueOrThrow({ where: { id: september } });
    expect([settled.status, settled.amountCarried.toFixed(2), settled.amountPaid.toFixed(2)]).toEqual(["paid", "0.01", "0.00"]);

    // The October draft is refreshed several times before it closes: still one carried line.
    await rateOpenPeriods(db, { now: new Date("2026-10-10T00:00:00Z"), subscriptionId: sub.id });
    await rateOpenPeriods(db, { now: new Date("2026-10-20T00:00:00Z"), subscriptionId: sub.id });
    const october = (await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-11-01T00:00:00Z") })).issuedInvoiceIds[0]!;
    const lines = await linesOf(october);
    expect(lines.map((l) => [l.kind, l.amount.toFixed(2)])).toEqual([
      ["base", "0.01"],
      ["carried_balance", "0.01"],
    ]);
    expect(lines[1]!.description).toMatch(new RegExp(`Balance carried from invoice ${settled.number}`));
    const next = await db.billingInvoice.findUniqueOrThrow({ where: { id: october } });
    // Tax applies to October's own lines only; the carried amount already had its own.
    expect([next.subtotal.toFixed(2), next.total.toFixed(2)]).toEqual(["0.01", "0.02"]);

    // Still below the minimum: October (with September's cent) carries to November, and September's is not billed again.
    await charge(october);
    const november = (await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-12-01T00:00:00Z") })).issuedInvoiceIds[0]!;
    expect((await linesOf(november)).map((l) => [l.kind, l.amount.toFixed(2)])).toEqual([
      ["base", "0.01"],
      ["carried_balance", "0.02"],
    ]);
    expect((await db.billingInvoice.findUniqueOrThrow({ where: { id: november } })).total.toFixed(2)).toBe("0.03");
  });
});
