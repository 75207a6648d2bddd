/** Proration by day, as Lago does: a period cut short bills the base for the days it touched, shown on the line. */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { prorationDays } from "../subscriptions/billing-period";
import { makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";
import { closeSubscriptionPeriod } from "./close-period";

const NOV = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };

describe("prorationDays", () => {
  it("counts every UTC day a part touches, out of the full period's days", () => {
    expect(prorationDays({ start: NOV.start, end: new Date("2026-11-01T13:00:00Z") }, NOV)).toEqual({ days: 1, of: 30 });
    expect(prorationDays({ start: new Date("2026-11-20T09:00:00Z"), end: NOV.end }, NOV)).toEqual({ days: 11, of: 30 });
    expect(prorationDays(NOV, NOV)).toBeNull();
  });
});

describe("terminating and upgrading mid-period", () => {
  it("bills 13 hours into a month as 1 of 30 days of the base, on the line", async () => {
    const service = (await makeService()).service;
    const plan = await makePlan({ basePrice: "49.00" });
    const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, startAt: NOV.start });
    const closed = await closeSubscriptionPeriod(db, sub.id, { terminateNow: true, now: new Date("2026-11-01T13:00:00Z") });
    const lines = await db.billingInvoiceLine.findMany({ where: { invoiceId: closed.issuedInvoiceIds[0]! }, orderBy: { position: "asc" } });
    const base = lines.find((l) => l.kind === "base")!;
    expect(base.description).toMatch(/prorated: 1 of 30 days$/);
    expect([base.units.toFixed(), base.unitPrice.toFixed(), base.amount.toFixed(2)]).toEqual(["1", "1.633333", "1.63"]);
    expect(base.details).toMatchObject({ prorated: { days: 1, ofDays: 30, fullPrice: "49.00" } });
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: closed.issuedInvoiceIds[0]! } });
    expect(invoice.subtotal.toFixed(2)).toBe("1.63");
  });

  it("splits an upgrade: old plan for the days run, new plan for the rest, each prorated", async () => {
    const service = (await makeService()).service;
    const basic = await makePlan({ basePrice: "30.00" });
    const pro = await makePlan({ basePrice: "90.00" });
    const sub = await makeSubscription({ serviceId: service.id, planId: basic.id, startAt: NOV.start });
    const first = await closeSubscriptionPeriod(db, sub.id, { changePlanTo: pro.id, now: new Date("2026-11-11T00:00:00Z") });
    const firstBase = await db.billingInvoiceLine.findFirstOrThrow({ where: { invoiceId: first.issuedInvoiceIds[0]!, kind: "base" } });
    expect([firstBase.description, firstBase.amount.toFixed(2)]).toEqual([expect.stringMatching(/prorated: 10 of 30 days$/), "10.00"]);
    const rest = await closeSubscriptionPeriod(db, sub.id, { now: NOV.end });
    const restBase = await db.billingInvoiceLine.findFirstOrThrow({ where: { invoiceId: rest.issuedInvoiceIds[0]!, kind: "base" } });
    expect([restBase.description, restBase.amount.toFixed(2)]).toEqual([expect.stringMatching(/prorated: 20 of 30 days$/), "60.00"]);
    const after = await db.billingSubscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect([after.planId, after.currentPeriodStart.toISOString(), after.currentPeriodEnd.toISOString()]).toEqual([pro.id, NOV.end.toISOString(), "2027-01-01T00:00:00.000Z"]);
  });
});
