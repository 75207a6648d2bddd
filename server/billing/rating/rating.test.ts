import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { cancelSubscriptionAtPeriodEnd, changeSubscriptionPlan } from "../subscriptions/subscriptions";
import { makeCustomer, makeMetric, makePlan, makeService, makeSubscription, usageItem } from "../testing/billing-fixtures";
import { ingestUsage } from "../usage/ingest-usage";
import { closeDuePeriods, closeSubscriptionPeriod } from "./close-period";
import { rateOpenPeriods, rateSubscription } from "./rate-open-periods";

const NOV_1 = new Date("2026-11-01T00:00:00Z");
const MID_NOV = new Date("2026-11-15T12:00:00Z");
const DEC_1 = new Date("2026-12-01T00:00:00Z");

let serviceId: string;
let cpu: { id: string; code: string };
let planId: string;

beforeAll(async () => {
  serviceId = (await makeService()).service.id;
  cpu = await makeMetric("sum");
  // $49 a month, 18,000 CPU-seconds (5 core-hours) included, then $0.75 per started core-hour.
  const plan = await makePlan({
    basePrice: "49.00",
    charges: [{ metricId: cpu.id, model: "standard", includedQuota: "18000", unitPrice: "0.75", unitBatch: "3600" }],
  });
  planId = plan.id;
});

async function subscriptionWithUsage(quantity: string | null) {
  const sub = await makeSubscription({ serviceId, planId, startAt: NOV_1 });
  if (quantity !== null) {
    const r = await ingestUsage(db, serviceId, { usage: [usageItem(sub.externalId, cpu.code, quantity, `u-${sub.id}`, "2026-11-03T00:00:00Z", "2026-11-03T01:00:00Z")] });
    expect(r.ok && r.accepted).toBe(1);
  }
  return sub;
}

async function draftOf(subscriptionId: string) {
  return db.billingInvoice.findMany({ where: { subscriptionId }, include: { lines: { orderBy: { position: "asc" } } } });
}

describe("rating a period", () => {
  it.each([
    ["under the quota", "10000", "0", "0.00", "49.00", "6.37", "55.37"],
    ["exactly at the quota", "18000", "0", "0.00", "49.00", "6.37", "55.37"],
    ["over the quota by two started core-hours", "25200", "2", "1.50", "50.50", "6.57", "57.07"],
  ])("prices usage %s", async (_label, quantity, units, usageAmount, subtotal, tax, total) => {
    const sub = await subscriptionWithUsage(quantity);
    await rateSubscription(db, sub.id, MID_NOV);
    const [invoice, ...others] = await draftOf(sub.id);
    expect(others).toHaveLength(0);
    expect(invoice?.status).toBe("draft");
    expect(invoice?.lines.map((l) => [l.kind, l.quantity.toFixed(), l.units.toFixed(), l.amount.toFixed(2)])).toEqual([
      ["base", "1", "1", "49.00"],
      ["usage", quantity, units, usageAmount],
    ]);
    expect(invoice?.lines[1]?.unitPrice.toFixed()).toBe("0.75");
    expect(invoice?.lines[1]?.includedQuantity.toFixed()).toBe("18000");
    expect([invoice?.subtotal.toFixed(2), invoice?.taxAmount.toFixed(2), invoice?.total.toFixed(2)]).toEqual([subtotal, tax, total]);
    expect(invoice?.taxRatePercent.toFixed()).toBe("13");
  });

  it("keeps one draft per subscription and period, updated as usage arrives", async () => {
    const sub = await subscriptionWithUsage("3600");
    await rateSubscription(db, sub.id, MID_NOV);
    await ingestUsage(db, serviceId, { usage: [usageItem(sub.externalId, cpu.code, "18000", "more", "2026-11-10T00:00:00Z", "2026-11-10T01:00:00Z")] });
    await Promise.all([rateSubscription(db, sub.id, MID_NOV), rateSubscription(db, sub.id, MID_NOV), rateOpenPeriods(db, { now: MID_NOV, subscriptionId: sub.id })]);
    const invoices = await draftOf(sub.id);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.lines).toHaveLength(2);
    expect(invoices[0]?.lines[1]?.quantity.toFixed()).toBe("21600");
    expect(invoices[0]?.lines[1]?.amount.toFixed(2)).toBe("0.75");
  });

  it("counts only the period's usage: a counter of the next period waits for it", async () => {
    const sub = await subscriptionWithUsage("3600");
    await ingestUsage(db, serviceId, { usage: [usageItem(sub.externalId, cpu.code, "99999", "next", "2026-12-01T00:00:00Z", "2026-12-01T01:00:00Z")] });
    await rateSubscription(db, sub.id, MID_NOV);
    const [invoice] = await draftOf(sub.id);
    expect(invoice?.lines[1]?.quantity.toFixed()).toBe("3600");
  });
});

describe("closing a period", () => {
  it("issues the draft with a number, due date and frozen address, and starts the next period", async () => {
    const sub = await subscriptionWithUsage("25200");
    await rateSubscription(db, sub.id, MID_NOV);
    expect((await closeSubscriptionPeriod(db, sub.id, { now: MID_NOV })).issuedInvoiceIds).toEqual([]);
    const closed = await closeSubscriptionPeriod(db, sub.id, { now: DEC_1, dueDays: 7 });
    expect(closed.issuedInvoiceIds).toHaveLength(1);
    expect(closed.chargeableInvoiceIds).toEqual(closed.issuedInvoiceIds);
    const [invoice] = await draftOf(sub.id);
    expect(invoice?.status).toBe("open");
    expect(invoice?.number).toMatch(/^INV-\d{6}$/);
    expect(invoice?.total.toFixed(2)).toBe("57.07");
    expect(invoice?.dueAt?.toISOString()).toBe("2026-12-08T00:00:00.000Z");
    expect(invoice?.billTo).toMatchObject({ city: "Toronto", region: "ON" });
    expect(invoice?.nextPaymentAttemptAt?.toISOString()).toBe(DEC_1.toISOString());
    const after = await db.billingSubscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect([after.currentPeriodStart.toISOString(), after.currentPeriodEnd.toISOString()]).toEqual([
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
    const created = await db.billingEvent.findMany({ where: { id: { in: closed.eventIds }, type: "invoice.created" } });
    expect(created).toHaveLength(1);
    expect(JSON.parse(created[0]!.payload).data.invoice).toMatchObject({ number: invoice?.number, total: "57.07", tax_amount: "6.57" });
    // Closing again changes nothing.
    expect((await closeSubscriptionPeriod(db, sub.id, { now: DEC_1 })).issuedInvoiceIds).toEqual([]);
  });

  it("gives a period with nothing to charge a $0 invoice, settled at once", async () => {
    const free = await makePlan({ basePrice: "0", charges: [{ metricId: cpu.id, model: "standard", includedQuota: "18000", unitPrice: "0.75", unitBatch: "3600" }] });
    const sub = await makeSubscription({ serviceId, planId: free.id, startAt: NOV_1 });
    const closed = await closeSubscriptionPeriod(db, sub.id, { now: DEC_1 });
    expect(closed.issuedInvoiceIds).toHaveLength(1);
    expect(closed.chargeableInvoiceIds).toEqual([]);
    const [invoice] = await draftOf(sub.id);
    expect([invoice?.status, invoice?.total.toFixed(2), invoice?.number !== null]).toEqual(["paid", "0.00", true]);
    expect(invoice?.lines.map((l) => l.amount.toFixed(2))).toEqual(["0.00", "0.00"]);
  });

  it("catches up missed periods one invoice each, applies a pending plan at the boundary", async () => {
    const bigger = await makePlan({ basePrice: "99.00" });
    const sub = await subscriptionWithUsage(null);
    await changeSubscriptionPlan(db, sub.id, { planId: bigger.id });
    const result = await closeDuePeriods(db, { now: new Date("2027-01-02T00:00:00Z") });
    const mine = await db.billingInvoice.findMany({ where: { subscriptionId: sub.id }, orderBy: { periodStart: "asc" } });
    expect(mine.map((i) => [i.periodStart?.toISOString().slice(0, 10), i.subtotal.toFixed(2), i.status])).toEqual([
      ["2026-11-01", "49.00", "open"],
      ["2026-12-01", "99.00", "open"],
    ]);
    expect(result.issuedInvoiceIds).toEqual(expect.arrayContaining(mine.map((i) => i.id)));
    const after = await db.billingSubscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect([after.planId, after.pendingPlanId]).toEqual([bigger.id, null]);
  });

  it("terminates a cancelled subscription at period end and says so to the source app", async () => {
    const sub = await subscriptionWithUsage("100");
    await cancelSubscriptionAtPeriodEnd(db, sub.id, MID_NOV);
    const closed = await closeSubscriptionPeriod(db, sub.id, { now: DEC_1 });
    const after = await db.billingSubscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(after.status).toBe("terminated");
    const types = (await db.billingEvent.findMany({ where: { id: { in: closed.eventIds } } })).map((e) => e.type).sort();
    expect(types).toEqual(["invoice.created", "subscription.terminated"]);
    const refused = await ingestUsage(db, serviceId, { usage: [usageItem(sub.externalId, cpu.code, "1", "late", "2026-12-02T00:00:00Z", "2026-12-02T01:00:00Z")] });
    expect(refused.ok && refused.results[0]?.errors?.[0]?.code).toBe("subscription_terminated");
  });

  it("emits usage.threshold_reached once at 80% and once at 100% of the included quota", async () => {
    const sub = await subscriptionWithUsage("14400");
    const first = await rateSubscription(db, sub.id, MID_NOV);
    const again = await rateSubscription(db, sub.id, MID_NOV);
    await ingestUsage(db, serviceId, { usage: [usageItem(sub.externalId, cpu.code, "3600", "to-100", "2026-11-04T00:00:00Z", "2026-11-04T01:00:00Z")] });
    const third = await rateSubscription(db, sub.id, MID_NOV);
    const payload = async (ids: string[]) =>
      (await db.billingEvent.findMany({ where: { id: { in: ids } } })).map((e) => JSON.parse(e.payload).data as Record<string, unknown>);
    expect((await payload(first.eventIds)).map((d) => d.threshold_percent)).toEqual([80]);
    expect(again.eventIds).toEqual([]);
    const reached = await payload(third.eventIds);
    expect(reached.map((d) => d.threshold_percent)).toEqual([100]);
    expect(reached[0]).toMatchObject({ metric_code: cpu.code, current_usage: "18000", included_quota: "18000" });
  });
});

describe("tax per customer", () => {
  it("uses the customer's own rate", async () => {
    const customer = await makeCustomer({ taxRatePercent: "5" });
    const sub = await makeSubscription({ serviceId, planId, customerId: customer.id, startAt: NOV_1 });
    await rateSubscription(db, sub.id, MID_NOV);
    const [invoice] = await draftOf(sub.id);
    expect([invoice?.taxAmount.toFixed(2), invoice?.total.toFixed(2)]).toEqual(["2.45", "51.45"]);
  });
});
