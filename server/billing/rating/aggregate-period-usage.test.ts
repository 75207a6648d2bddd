import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { aggregateUsage, type UsageCounter } from "../charges";
import { makeMetric, makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";
import { ingestUsage } from "../usage/ingest-usage";
import { aggregatePeriodUsage } from "./aggregate-period-usage";

const PERIOD = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };

// Counters as [window start, quantity, unique key]; the last one belongs to the next period.
const COUNTERS: Array<[string, string, string]> = [
  ["2026-11-02T00:00:00Z", "1.5", "u1"],
  ["2026-11-05T00:00:00Z", "7.000001", "u2"],
  ["2026-11-03T00:00:00Z", "2.25", "u1"],
  ["2026-11-30T23:00:00Z", "0", "u3"],
  ["2026-11-20T00:00:00Z", "4", "u4"],
  ["2026-12-01T00:00:00Z", "100", "u5"],
];

let serviceId: string;
let externalId: string;
let subscriptionId: string;
const metrics: Record<string, Awaited<ReturnType<typeof makeMetric>>> = {};

beforeAll(async () => {
  serviceId = (await makeService()).service.id;
  for (const kind of ["sum", "max", "last", "unique_count"] as const) metrics[kind] = await makeMetric(kind);
  const plan = await makePlan({ charges: Object.values(metrics).map((m) => ({ metricId: m.id, model: "standard" as const, unitPrice: "1" })) });
  const sub = await makeSubscription({ serviceId, planId: plan.id, startAt: PERIOD.start });
  externalId = sub.externalId;
  subscriptionId = sub.id;
  for (const metric of Object.values(metrics)) {
    const result = await ingestUsage(db, serviceId, {
      usage: COUNTERS.map(([from, quantity, unique], i) => ({
        external_subscription_id: externalId,
        metric_code: metric.code,
        period: { from, to: new Date(new Date(from).getTime() + 3_600_000).toISOString() },
        quantity,
        idempotency_key: `c${i}`,
        unique_key: unique,
      })),
    });
    expect(result.ok && result.accepted).toBe(COUNTERS.length);
  }
});

describe("aggregatePeriodUsage", () => {
  it("agrees with aggregateUsage() for every aggregation, counting only the period's counters", async () => {
    const inPeriod: UsageCounter[] = COUNTERS.filter(([from]) => new Date(from) < PERIOD.end).map(([from, quantity, uniqueKey]) => ({
      quantity,
      uniqueKey,
      timestamp: new Date(new Date(from).getTime() + 3_600_000),
    }));
    const result = await aggregatePeriodUsage(db, subscriptionId, Object.values(metrics), PERIOD);
    for (const [kind, metric] of Object.entries(metrics)) {
      expect(result.get(metric.id)?.toFixed(), kind).toBe(aggregateUsage(metric.aggregation, inPeriod).toFixed());
    }
    expect(Object.fromEntries(Object.entries(metrics).map(([k, m]) => [k, result.get(m.id)?.toFixed()]))).toEqual({
      sum: "14.750001",
      max: "7.000001",
      last: "0",
      unique_count: "3",
    });
  });

  it("applies the metric's rounding and gives 0 for a metric without usage", async () => {
    const rounded = await db.billingMetric.update({ where: { id: metrics.sum!.id }, data: { rounding: "up", roundingPrecision: 0 } });
    const empty = await makeMetric("max");
    const result = await aggregatePeriodUsage(db, subscriptionId, [rounded, empty], PERIOD);
    expect(result.get(rounded.id)?.toFixed()).toBe("15");
    expect(result.get(empty.id)?.toFixed()).toBe("0");
  });
});
