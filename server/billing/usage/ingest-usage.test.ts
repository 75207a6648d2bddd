import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { countingDb } from "@/server/testing/counting-db";
import { ingestLagoEvents } from "../lago/ingest-events";
import { makeMetric, makePlan, makeService, makeSubscription, usageItem } from "../testing/billing-fixtures";
import { ingestUsage } from "./ingest-usage";

let serviceId: string;
let otherServiceId: string;
let metricCode: string;
let metricId: string;
let externalId: string;
let subscriptionId: string;

beforeAll(async () => {
  const service = await makeService();
  serviceId = service.service.id;
  otherServiceId = (await makeService()).service.id;
  const metric = await makeMetric("sum");
  metricCode = metric.code;
  metricId = metric.id;
  const plan = await makePlan({ charges: [{ metricId: metric.id, model: "standard", unitPrice: "0.01" }] });
  const sub = await makeSubscription({ serviceId, planId: plan.id });
  externalId = sub.externalId;
  subscriptionId = sub.id;
});

async function storedTotal(): Promise<string> {
  const rows = await db.$queryRawUnsafe<Array<{ total: string | null; n: string }>>(
    `SELECT SUM(quantity)::text AS total, COUNT(*)::text AS n FROM "BillingUsageRecord" WHERE "subscriptionId" = $1`,
    subscriptionId,
  );
  return `${rows[0]?.total ?? "0"}/${rows[0]?.n}`;
}

describe("ingestUsage", () => {
  it("stores a batch once: 20 concurrent copies of the same batch give exact totals", async () => {
    const batch = {
      usage: Array.from({ length: 50 }, (_, i) => usageItem(externalId, metricCode, "1.000001", `concurrent-${i}`)),
    };
    const before = await storedTotal();
    expect(before).toBe("0/0");
    const results = await Promise.all(Array.from({ length: 20 }, () => ingestUsage(db, serviceId, structuredClone(batch))));
    const accepted = results.reduce((n, r) => n + (r.ok ? r.accepted : 0), 0);
    const duplicates = results.reduce((n, r) => n + (r.ok ? r.duplicates : 0), 0);
    expect(accepted).toBe(50);
    expect(duplicates).toBe(19 * 50);
    expect(await storedTotal()).toBe("50.000050/50");
  });

  it("rejects unknown subscriptions and metrics per item with reasons and stores the rest", async () => {
    const result = await ingestUsage(db, serviceId, {
      usage: [
        usageItem(externalId, metricCode, "5", "mixed-ok"),
        usageItem("no-such-sub", metricCode, "5", "mixed-sub"),
        usageItem(externalId, "no_such_metric", "5", "mixed-metric"),
        { ...usageItem(externalId, metricCode, "5", "mixed-bad"), quantity: 5 },
        usageItem(externalId, metricCode, "7", "mixed-ok"),
      ],
    });
    if (!result.ok) throw new Error("envelope refused");
    // The last item reuses mixed-ok's key with another quantity: not a retry, so it is refused, not taken as a duplicate.
    expect(result.results.map((r) => r.status)).toEqual(["accepted", "rejected", "rejected", "rejected", "rejected"]);
    expect(result.results[4]?.errors?.[0]).toMatchObject({ code: "idempotency_key_reused", path: "idempotency_key" });
    expect(result.results[1]?.errors?.[0]).toMatchObject({ code: "unknown_subscription", path: "external_subscription_id" });
    expect(result.results[2]?.errors?.[0]).toMatchObject({ code: "unknown_metric", path: "metric_code" });
    expect(result.results[3]?.errors?.[0]?.message).toMatch(/string/);
    const stored = await db.billingUsageRecord.findMany({ where: { idempotencyKey: { startsWith: "mixed-" } } });
    expect(stored.map((r) => [r.idempotencyKey, r.quantity.toFixed()])).toEqual([["mixed-ok", "5"]]);
  });

  it("never lets a service push usage onto another service's subscription", async () => {
    const result = await ingestUsage(db, otherServiceId, { usage: [usageItem(externalId, metricCode, "9", "foreign")] });
    expect(result.ok && result.results[0]?.status).toBe("rejected");
    expect(await db.billingUsageRecord.count({ where: { idempotencyKey: "foreign" } })).toBe(0);
  });

  it("refuses a key re-sent with another quantity or window, keeping the first, and takes an identical retry as a duplicate", async () => {
    await ingestUsage(db, serviceId, { usage: [usageItem(externalId, metricCode, "3", "retry-key")] });
    const again = await ingestUsage(db, serviceId, { usage: [usageItem(externalId, metricCode, "300", "retry-key")] });
    expect(again.ok && again.results[0]).toMatchObject({ status: "rejected", errors: [{ code: "idempotency_key_reused", path: "idempotency_key" }] });
    const moved = await ingestUsage(db, serviceId, { usage: [usageItem(externalId, metricCode, "3", "retry-key", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z")] });
    expect(moved.ok && moved.results[0]?.errors?.[0]?.code).toBe("idempotency_key_reused");
    const same = await ingestUsage(db, serviceId, { usage: [usageItem(externalId, metricCode, "3.000", "retry-key")] });
    expect(same.ok && same.results[0]?.status).toBe("duplicate");
    const row = await db.billingUsageRecord.findFirstOrThrow({ where: { idempotencyKey: "retry-key" } });
    expect(row.quantity.toFixed()).toBe("3");
    expect(row.metricId).toBe(metricId);
  });

  it("stores windows in UTC exactly as sent and refuses closed periods", async () => {
    await ingestUsage(db, serviceId, {
      usage: [usageItem(externalId, metricCode, "1", "window-key", "2026-11-02T05:00:00.000+02:00", "2026-11-02T06:00:00Z")],
    });
    const row = await db.billingUsageRecord.findFirstOrThrow({ where: { idempotencyKey: "window-key" } });
    expect(row.periodStart.toISOString()).toBe("2026-11-02T03:00:00.000Z");
    const closed = await ingestUsage(db, serviceId, {
      usage: [usageItem(externalId, metricCode, "1", "closed-key", "2026-10-31T00:00:00Z", "2026-10-31T01:00:00Z")],
    });
    expect(closed.ok && closed.results[0]?.errors?.[0]?.code).toBe("period_closed");
  });

  it("rejects per item usage for a metric not on the plan, a unique_count without unique_key and a window in the future", async () => {
    const stray = await makeMetric("sum");
    const seats = await makeMetric("unique_count");
    const plan = await makePlan({ charges: [{ metricId: seats.id, model: "standard", unitPrice: "1" }] });
    const sub = await makeSubscription({ serviceId, planId: plan.id });
    const later = new Date(Date.now() + 2 * 3_600_000);
    const result = await ingestUsage(db, serviceId, {
      usage: [
        usageItem(sub.externalId, stray.code, "1", "sig-1"),
        usageItem(sub.externalId, seats.code, "1", "sig-2"),
        { ...usageItem(sub.externalId, seats.code, "1", "sig-3", later.toISOString(), new Date(later.getTime() + 3_600_000).toISOString()), unique_key: "ann" },
        { ...usageItem(sub.externalId, seats.code, "1", "sig-4"), unique_key: "ann" },
      ],
    });
    if (!result.ok) throw new Error("envelope refused");
    expect(result.results.map((r) => [r.status, r.errors?.[0]?.code ?? null])).toEqual([
      ["rejected", "metric_not_on_plan"],
      ["rejected", "unique_key_required"],
      ["rejected", "period_in_future"],
      ["accepted", null],
    ]);
    expect(result.results[0]?.errors?.[0]?.message).toContain(plan.code);
  });

  it("refuses a malformed envelope as a whole", async () => {
    const result = await ingestUsage(db, serviceId, { usage: "nope" });
    expect(result.ok).toBe(false);
    const tooMany = await ingestUsage(db, serviceId, { usage: Array.from({ length: 1001 }, () => ({})) });
    expect(!tooMany.ok && tooMany.errors[0]?.message).toMatch(/at most 1000/);
  });

  it("costs two statements per batch whatever its size (targets, then one insert), replays and held keys included", async () => {
    const counting = countingDb();
    try {
      const batch = (prefix: string, n: number) => ({ usage: Array.from({ length: n }, (_, i) => usageItem(externalId, metricCode, "1", `${prefix}-${i}`)) });
      const fresh = await ingestUsage(counting.db, serviceId, batch("stmt", 1000));
      expect(fresh.ok && fresh.accepted).toBe(1000);
      expect(counting.statements.map((s) => s.trim().split(/\s+/)[0])).toEqual(["SELECT", "WITH"]);
      counting.statements.length = 0;
      // A replay: the insert skips every key and, in the same statement, tells retries from reused keys.
      const replay = await ingestUsage(counting.db, serviceId, batch("stmt", 1000));
      expect(replay.ok && replay.duplicates).toBe(1000);
      expect(counting.statements.map((s) => s.trim().split(/\s+/)[0])).toEqual(["SELECT", "WITH"]);
      counting.statements.length = 0;
      // Fresh keys, identical retries and a reused key in one batch: still two statements, each item answered as its own.
      const mixed = await ingestUsage(counting.db, serviceId, {
        usage: [
          usageItem(externalId, metricCode, "1", "stmt-0"),
          usageItem(externalId, metricCode, "2", "stmt-1"),
          usageItem(externalId, metricCode, "4", "stmt-new"),
          usageItem(externalId, metricCode, "1.0", "stmt-2"),
        ],
      });
      if (!mixed.ok) throw new Error("envelope refused");
      expect(mixed.results.map((r) => [r.status, r.errors?.[0]?.code ?? null])).toEqual([
        ["duplicate", null],
        ["rejected", "idempotency_key_reused"],
        ["accepted", null],
        ["duplicate", null],
      ]);
      expect(counting.statements).toHaveLength(2);
      const held = await db.billingUsageRecord.findFirstOrThrow({ where: { idempotencyKey: "stmt-1" } });
      expect(held.quantity.toFixed()).toBe("1");
      counting.statements.length = 0;
      // Lago's events: the same two statements for a call of 100 (targets, one all-or-nothing insert).
      const events = Array.from({ length: 100 }, (_, i) => ({ transaction_id: `stmt-ev-${i}`, external_subscription_id: externalId, code: metricCode, timestamp: "2026-11-01T00:00:00Z" }));
      const stored = await ingestLagoEvents(counting.db, serviceId, events);
      expect(stored.ok).toBe(true);
      expect(counting.statements.map((s) => s.trim().split(/\s+/)[0])).toEqual(["SELECT", "INSERT"]);
    } finally {
      await counting.db.$disconnect();
    }
  });
});
