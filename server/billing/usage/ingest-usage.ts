/**
 * The usage hot path (POST /api/billing/v1/usage). A batch of aggregated
 * counters is checked item by item; the good ones are written with ONE
 * `INSERT … ON CONFLICT (subscription, metric, idempotency key) DO NOTHING
 * RETURNING …`, so the key and its quantity are stored together or not at
 * all: a retried counter is recognised by the unique index and never counts
 * twice, and a key can never be "seen" without its usage being stored
 * (unlike a separate dedupe table written before or after the usage).
 */
import { parseUsageBatch, type UsageItem } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";

export type UsageItemStatus = "accepted" | "duplicate" | "rejected";

export interface UsageItemError {
  code: "invalid" | "unknown_subscription" | "unknown_metric" | "subscription_terminated" | "period_closed";
  path: string;
  message: string;
}

/** One line of the 207-style answer, in the order the items were sent. */
export interface UsageItemResult {
  index: number;
  idempotency_key: string | null;
  status: UsageItemStatus;
  errors?: UsageItemError[];
}

export type IngestUsageResult =
  | { ok: false; errors: Array<{ path: string; message: string }> }
  | { ok: true; accepted: number; duplicates: number; rejected: number; results: UsageItemResult[] };

interface Row {
  index: number;
  subscriptionId: string;
  metricId: string;
  item: UsageItem;
}

const rowKey = (subscriptionId: string, metricId: string, idempotencyKey: string) =>
  `${subscriptionId}\u0000${metricId}\u0000${idempotencyKey}`;

/**
 * Validates and stores a usage batch for `serviceId`. Items naming a
 * subscription of another service are "unknown" (services never see each
 * other's subscriptions). Counters for a period whose invoice was already
 * issued are refused rather than stored and silently never billed.
 */
export async function ingestUsage(db: DbOrTx, serviceId: string, body: unknown): Promise<IngestUsageResult> {
  const parsed = parseUsageBatch(body);
  if (!parsed.ok) return parsed;

  const results: UsageItemResult[] = parsed.rejected.map((r) => ({
    index: r.index,
    idempotency_key: r.idempotencyKey,
    status: "rejected",
    errors: r.errors.map((e) => ({ code: "invalid", path: e.path, message: e.message })),
  }));

  const externalIds = [...new Set(parsed.accepted.map((a) => a.item.subscriptionExternalId))];
  const metricCodes = [...new Set(parsed.accepted.map((a) => a.item.metricCode))];
  const [subscriptions, metrics] = await Promise.all([
    externalIds.length
      ? db.billingSubscription.findMany({
          where: { serviceId, externalId: { in: externalIds } },
          select: { id: true, externalId: true, status: true, currentPeriodStart: true },
        })
      : [],
    metricCodes.length ? db.billingMetric.findMany({ where: { code: { in: metricCodes } }, select: { id: true, code: true } }) : [],
  ]);
  const subByExternal = new Map(subscriptions.map((s) => [s.externalId, s]));
  const metricByCode = new Map(metrics.map((m) => [m.code, m]));

  const rows: Row[] = [];
  const seenInBatch = new Set<string>();
  for (const { index, item } of parsed.accepted) {
    const errors: UsageItemError[] = [];
    const sub = subByExternal.get(item.subscriptionExternalId);
    const metric = metricByCode.get(item.metricCode);
    if (!sub) {
      errors.push({
        code: "unknown_subscription",
        path: "external_subscription_id",
        message: `No subscription ${item.subscriptionExternalId} exists for this service`,
      });
    } else if (sub.status === "terminated") {
      errors.push({
        code: "subscription_terminated",
        path: "external_subscription_id",
        message: `Subscription ${item.subscriptionExternalId} is terminated and takes no more usage`,
      });
    } else if (item.periodFrom.getTime() < sub.currentPeriodStart.getTime()) {
      errors.push({
        code: "period_closed",
        path: "period.from",
        message: `The billing period before ${sub.currentPeriodStart.toISOString()} is closed and invoiced; usage for it cannot be added`,
      });
    }
    if (!metric) {
      errors.push({ code: "unknown_metric", path: "metric_code", message: `No metric with code ${item.metricCode} exists` });
    }
    if (errors.length > 0 || !sub || !metric) {
      results.push({ index, idempotency_key: item.idempotencyKey, status: "rejected", errors });
      continue;
    }
    const key = rowKey(sub.id, metric.id, item.idempotencyKey);
    if (seenInBatch.has(key)) {
      results.push({ index, idempotency_key: item.idempotencyKey, status: "duplicate" });
      continue;
    }
    seenInBatch.add(key);
    rows.push({ index, subscriptionId: sub.id, metricId: metric.id, item });
  }

  const inserted = await insertUsageRows(db, rows);
  for (const row of rows) {
    const status: UsageItemStatus = inserted.has(rowKey(row.subscriptionId, row.metricId, row.item.idempotencyKey)) ? "accepted" : "duplicate";
    results.push({ index: row.index, idempotency_key: row.item.idempotencyKey, status });
  }
  results.sort((a, b) => a.index - b.index);
  return {
    ok: true,
    accepted: results.filter((r) => r.status === "accepted").length,
    duplicates: results.filter((r) => r.status === "duplicate").length,
    rejected: results.filter((r) => r.status === "rejected").length,
    results,
  };
}

/**
 * One statement for the whole batch; returns the keys that were new. Rows
 * whose key already exists are skipped by the unique index, atomically with
 * the check, so concurrent duplicates race safely.
 */
async function insertUsageRows(db: DbOrTx, rows: readonly Row[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const returned = await db.$queryRawUnsafe<Array<{ subscriptionId: string; metricId: string; idempotencyKey: string }>>(
    `INSERT INTO "BillingUsageRecord" ("subscriptionId", "metricId", "periodStart", "periodEnd", "quantity", "uniqueKey", "idempotencyKey")
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamp(3)[], $4::timestamp(3)[], $5::numeric[], $6::text[], $7::text[])
     ON CONFLICT ("subscriptionId", "metricId", "idempotencyKey") DO NOTHING
     RETURNING "subscriptionId", "metricId", "idempotencyKey"`,
    rows.map((r) => r.subscriptionId),
    rows.map((r) => r.metricId),
    rows.map((r) => r.item.periodFrom.toISOString()),
    rows.map((r) => r.item.periodTo.toISOString()),
    rows.map((r) => r.item.quantity),
    rows.map((r) => r.item.uniqueKey ?? null),
    rows.map((r) => r.item.idempotencyKey),
  );
  return new Set(returned.map((r) => rowKey(r.subscriptionId, r.metricId, r.idempotencyKey)));
}
