/**
 * One subscription that cannot be rated (here: 24 digits of usage, which the
 * ingestion API now refuses but older rows may hold) is recorded and shown,
 * and every other subscription is still rated in the same run.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { db } from "@/server/db";
import { makeMetric, makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";
import { rateOpenPeriods } from "./rate-open-periods";

const NOV_1 = new Date("2026-11-01T00:00:00Z");
const MID_NOV = new Date("2026-11-15T12:00:00Z");

let serviceId: string;
let metricId: string;
let planId: string;

beforeAll(async () => {
  serviceId = (await makeService()).service.id;
  metricId = (await makeMetric("sum")).id;
  planId = (await makePlan({ basePrice: "10.00", charges: [{ metricId, model: "standard", unitPrice: "1" }] })).id;
});

async function usage(subscriptionId: string, quantity: string, key: string) {
  await db.billingUsageRecord.create({
    data: { subscriptionId, metricId, quantity, idempotencyKey: key, periodStart: new Date("2026-11-03T00:00:00Z"), periodEnd: new Date("2026-11-03T01:00:00Z") },
  });
}

describe("rating isolates a subscription it cannot rate", () => {
  it("records the failure, shows it in the console, and rates the others", async () => {
    const subs = [];
    for (let i = 0; i < 3; i++) subs.push(await makeSubscription({ serviceId, planId, startAt: NOV_1 }));
    const [first, broken, last] = subs as [(typeof subs)[0], (typeof subs)[0], (typeof subs)[0]];
    await usage(first.id, "5", "a");
    await usage(broken.id, "1".repeat(24), "huge");
    await usage(last.id, "7", "c");

    const result = await rateOpenPeriods(db, { now: MID_NOV });
    expect(result.failed).toBe(1);
    expect(result.rated).toBeGreaterThanOrEqual(2);
    const totals = await db.billingInvoice.findMany({ where: { subscriptionId: { in: [first.id, last.id] } }, select: { subscriptionId: true, subtotal: true } });
    expect(new Map(totals.map((t) => [t.subscriptionId, t.subtotal.toFixed(2)]))).toEqual(
      new Map([
        [first.id, "15.00"],
        [last.id, "17.00"],
      ]),
    );
    expect(await db.billingInvoice.count({ where: { subscriptionId: broken.id, subtotal: { gt: 0 } } })).toBe(0);

    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const shown = await admin.billing.dashboard.ratingFailures();
    expect(shown).toEqual([
      expect.objectContaining({ subscriptionId: broken.id, externalId: broken.externalId, stage: "rate", failures: 1, message: expect.stringMatching(/too large to be stored/) }),
    ]);
    expect(shown[0]!.message).not.toMatch(/numeric field overflow|22003|invocation/);

    // Once the bad usage is corrected the next run rates it and the failure is gone.
    await db.billingUsageRecord.updateMany({ where: { subscriptionId: broken.id }, data: { quantity: "3" } });
    const again = await admin.billing.invoices.runRating({});
    expect(again.failed).toBe(0);
    expect(await admin.billing.dashboard.ratingFailures()).toEqual([]);
  });
});
