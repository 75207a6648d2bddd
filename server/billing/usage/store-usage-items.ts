/**
 * The usage store's write path, shared by the native aggregate push
 * (POST /usage) and Lago's raw events (POST /events, /events/batch). A batch
 * costs a fixed number of statements whatever its size: its subscriptions
 * (this service's only, with their plan's charged metrics) and metrics are
 * read once, every item is checked in memory, and the good ones are written
 * with ONE insert keyed by (subscription, metric, idempotency key), so a key
 * and its quantity are stored together or not at all and a retry never
 * counts twice. The same statement compares what already-held keys store,
 * so a key re-sent with another quantity or window is refused, not taken for
 * a harmless retry, and a replay costs no more statements than a fresh batch.
 */
import type { UsageItem } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";
import { rawQuery } from "@/server/db-raw";
import type { BillingMetric } from "@/server/generated/prisma/client";
import { isUniqueViolation } from "../errors";
import { dec } from "../wire";

export type UsageItemStatus = "accepted" | "duplicate" | "rejected";

export type UsageItemErrorCode =
  | "invalid"
  | "unknown_subscription"
  | "unknown_metric"
  | "metric_not_on_plan"
  | "unique_key_required"
  | "period_in_future"
  | "subscription_terminated"
  | "period_closed"
  | "idempotency_key_reused";

export interface UsageItemError {
  code: UsageItemErrorCode;
  path: string;
  message: string;
}

/** One line of the per-item answer, in the order the items were sent. */
export interface UsageItemResult {
  index: number;
  idempotency_key: string | null;
  status: UsageItemStatus;
  errors?: UsageItemError[];
  /** The stored row's id (new or the one a duplicate matched), for Lago's lago_id. */
  recordId?: string;
  /** The subscription's internal id, for accepted and duplicate items. */
  subscriptionId?: string;
}

/** A window may start at most this far ahead of the server clock (clock skew), and end at most a day ahead. */
const FUTURE_START_TOLERANCE_MS = 60 * 60 * 1000;
const FUTURE_END_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** An item that passed every check, with the ids it is stored under. */
export interface UsageRow {
  index: number;
  subscriptionId: string;
  metricId: string;
  item: UsageItem;
}

const rowKey = (subscriptionId: string, metricId: string, idempotencyKey: string) =>
  `${subscriptionId}\u0000${metricId}\u0000${idempotencyKey}`;

/** What a batch's items point at: this service's subscriptions (with their plan's charged metrics) and the metrics, by external id and code. */
export interface UsageTargets {
  subscriptions: Map<string, { id: string; status: string; currentPeriodStart: Date; planCode: string; metricIds: Set<string> }>;
  metrics: Map<string, Pick<BillingMetric, "id" | "code" | "aggregation" | "fieldName">>;
}

type TargetRows = {
  subscriptions: Array<{ id: string; externalId: string; status: string; currentPeriodStart: string; planCode: string; metricIds: string[] }> | null;
  metrics: Array<Pick<BillingMetric, "id" | "code" | "aggregation" | "fieldName">> | null;
};

/**
 * ONE statement whatever the batch's size (two sub-selects answered as JSON),
 * so a batch costs a single round trip and a single pooled connection here:
 * no item costs a round trip of its own.
 */
export async function loadUsageTargets(db: DbOrTx, serviceId: string, externalIds: readonly string[], metricCodes: readonly string[]): Promise<UsageTargets> {
  const [row] = await rawQuery<TargetRows>(
    db,
    `SELECT
       (SELECT json_agg(json_build_object('id', s."id", 'externalId', s."externalId", 'status', s."status", 'currentPeriodStart', s."currentPeriodStart",
                                          'planCode', p."code", 'metricIds', COALESCE((SELECT array_agg(c."metricId") FROM "BillingCharge" c WHERE c."planId" = s."planId"), '{}')))
          FROM "BillingSubscription" s JOIN "BillingPlan" p ON p."id" = s."planId"
         WHERE s."serviceId" = $1 AND s."externalId" = ANY($2::text[])) AS subscriptions,
       (SELECT json_agg(json_build_object('id', m."id", 'code', m."code", 'aggregation', m."aggregation", 'fieldName', m."fieldName"))
          FROM "BillingMetric" m WHERE m."code" = ANY($3::text[])) AS metrics`,
    [serviceId, [...new Set(externalIds)], [...new Set(metricCodes)]],
  );
  return {
    // json_build_object writes timestamp(3) without a zone; the stored value is UTC.
    subscriptions: new Map((row?.subscriptions ?? []).map((s) => [s.externalId, { ...s, currentPeriodStart: new Date(`${s.currentPeriodStart}Z`), metricIds: new Set(s.metricIds) }])),
    metrics: new Map((row?.metrics ?? []).map((m) => [m.code, m])),
  };
}

/**
 * Every rule an item must pass, against targets loaded once for the batch.
 * Returns the rows to write (first of each key) and the answers already
 * known: refusals and repeats of a key earlier in the same batch.
 */
export function checkUsageItems(targets: UsageTargets, items: ReadonlyArray<{ index: number; item: UsageItem }>, now: Date): { rows: UsageRow[]; results: UsageItemResult[] } {
  const results: UsageItemResult[] = [];
  const rows: UsageRow[] = [];
  const seenInBatch = new Map<string, UsageRow>();
  for (const { index, item } of items) {
    const errors: UsageItemError[] = [];
    const sub = targets.subscriptions.get(item.subscriptionExternalId);
    const metric = targets.metrics.get(item.metricCode);
    if (!sub) {
      errors.push({ code: "unknown_subscription", path: "external_subscription_id", message: `No subscription ${item.subscriptionExternalId} exists for this service` });
    } else if (sub.status === "terminated") {
      errors.push({ code: "subscription_terminated", path: "external_subscription_id", message: `Subscription ${item.subscriptionExternalId} is terminated and takes no more usage` });
    } else if (item.periodFrom.getTime() < sub.currentPeriodStart.getTime()) {
      errors.push({
        code: "period_closed",
        path: "period.from",
        message: `The billing period before ${sub.currentPeriodStart.toISOString()} is closed and invoiced; usage for it cannot be added`,
      });
    }
    if (!metric) {
      errors.push({ code: "unknown_metric", path: "metric_code", message: `No metric with code ${item.metricCode} exists` });
    } else {
      if (sub && !sub.metricIds.has(metric.id)) {
        errors.push({ code: "metric_not_on_plan", path: "metric_code", message: `Plan ${sub.planCode} has no charge for ${metric.code}, so this usage would never be billed` });
      }
      if (metric.aggregation === "unique_count" && !item.uniqueKey) {
        errors.push({ code: "unique_key_required", path: "unique_key", message: `${metric.code} counts distinct values: send the value this usage is about as unique_key` });
      }
    }
    if (item.periodFrom.getTime() > now.getTime() + FUTURE_START_TOLERANCE_MS || item.periodTo.getTime() > now.getTime() + FUTURE_END_TOLERANCE_MS) {
      errors.push({ code: "period_in_future", path: "period", message: `The window ${item.periodFrom.toISOString()}–${item.periodTo.toISOString()} lies in the future; send usage once it happened` });
    }
    if (errors.length > 0 || !sub || !metric) {
      results.push({ index, idempotency_key: item.idempotencyKey, status: "rejected", errors });
      continue;
    }
    const row = { index, subscriptionId: sub.id, metricId: metric.id, item };
    const key = rowKey(sub.id, metric.id, item.idempotencyKey);
    const first = seenInBatch.get(key);
    if (first) {
      results.push(sameCounter(first.item, item) ? { index, idempotency_key: item.idempotencyKey, status: "duplicate", subscriptionId: sub.id } : keyReused(index, item));
      continue;
    }
    seenInBatch.set(key, row);
    rows.push(row);
  }
  return { rows, results };
}

/**
 * The native push: each item on its own (a held key is a duplicate or a
 * reused key, the rest are stored), in ONE insert whatever the batch's size.
 */
export async function storeUsageItems(
  db: DbOrTx,
  serviceId: string,
  items: ReadonlyArray<{ index: number; item: UsageItem }>,
  now: Date = new Date(),
): Promise<UsageItemResult[]> {
  const targets = await loadUsageTargets(
    db,
    serviceId,
    items.map((a) => a.item.subscriptionExternalId),
    items.map((a) => a.item.metricCode),
  );
  const { rows, results } = checkUsageItems(targets, items, now);
  const written = await insertUsageRows(db, rows);
  rows.forEach((row, i) => {
    const outcome = written[i]!;
    const base = { index: row.index, idempotency_key: row.item.idempotencyKey, subscriptionId: row.subscriptionId, recordId: outcome.id ?? undefined };
    if (outcome.inserted) results.push({ ...base, status: "accepted" });
    else if (outcome.same === false) results.push(keyReused(row.index, row.item));
    else results.push({ ...base, status: "duplicate" });
  });
  return results.sort((a, b) => a.index - b.index);
}

/**
 * All of `rows` or none, in one statement and so without a transaction: a
 * plain INSERT that meets a held key fails whole (unique violation), and
 * only then a read names the held keys. Lago's event store answers this way.
 */
export async function insertAllUsageRows(db: DbOrTx, rows: readonly UsageRow[]): Promise<{ ok: true; ids: Map<UsageRow, string> } | { ok: false; held: UsageRow[] }> {
  if (rows.length === 0) return { ok: true, ids: new Map() };
  try {
    const inserted = await rawQuery<{ id: string; subscriptionId: string; metricId: string; idempotencyKey: string }>(
      db,
      `${INSERT_ROWS} RETURNING "id"::text AS id, "subscriptionId", "metricId", "idempotencyKey"`,
      rowArrays(rows),
    );
    const idByKey = new Map(inserted.map((r) => [rowKey(r.subscriptionId, r.metricId, r.idempotencyKey), r.id]));
    return { ok: true, ids: new Map(rows.map((r) => [r, idByKey.get(rowKey(r.subscriptionId, r.metricId, r.item.idempotencyKey)) ?? ""])) };
  } catch (error) {
    if (!isRawUniqueViolation(error)) throw error;
    const held = await readHeldRows(db, rows);
    const heldKeys = new Set(held.map((h) => rowKey(h.subscriptionId, h.metricId, h.idempotencyKey)));
    // A key held by a writer that then rolled back is free again: the caller's retry will store it.
    return { ok: false, held: rows.filter((r) => heldKeys.has(rowKey(r.subscriptionId, r.metricId, r.item.idempotencyKey))) };
  }
}

/** PostgreSQL's unique_violation as pg raises it (23505) or Prisma from a raw statement (P2010 carrying 23505) or a mapped one (P2002). */
function isRawUniqueViolation(error: unknown): boolean {
  if (isUniqueViolation(error)) return true;
  const e = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } } | null;
  return (
    e?.code === "23505" ||
    (e?.code === "P2010" &&
    (e.meta?.code === "23505" || e.meta?.driverAdapterError?.cause?.originalCode === "23505" || e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation"))
  );
}

function sameCounter(a: UsageItem, b: UsageItem): boolean {
  return (
    dec(a.quantity).equals(dec(b.quantity)) && a.periodFrom.getTime() === b.periodFrom.getTime() && a.periodTo.getTime() === b.periodTo.getTime() && a.uniqueKey === b.uniqueKey
  );
}

function keyReused(index: number, item: UsageItem): UsageItemResult {
  return {
    index,
    idempotency_key: item.idempotencyKey,
    status: "rejected",
    errors: [
      {
        code: "idempotency_key_reused",
        path: "idempotency_key",
        message: `${item.idempotencyKey} was already used for a different quantity, window or unique_key; a retry must resend the same counter`,
      },
    ],
  };
}

interface Written {
  id: string | null;
  inserted: boolean;
  /** For a key that already existed: whether it holds the same counter (null when a concurrent writer holds it). */
  same: boolean | null;
}

/**
 * ONE statement for the whole batch, fresh or replayed: the insert skips
 * keys that exist (the unique index decides, atomically, so concurrent
 * duplicates race safely), and in the same statement the keys it did not
 * return are joined with the rows that hold them, so PostgreSQL says which
 * items were retries and which reused a key for another counter. A replay
 * thus costs what a fresh batch costs and writes nothing. The statement's
 * snapshot predates its own insert, so that join sees only rows that were
 * there before; a skipped key whose row is not visible (a concurrent writer
 * committed it meanwhile) answers nothing and counts as a duplicate.
 */
async function insertUsageRows(db: DbOrTx, rows: readonly UsageRow[]): Promise<Written[]> {
  if (rows.length === 0) return [];
  // One row back, not one per item: the positions answered, their ids, and for held keys whether they match (keys are unique within `rows`).
  const [answer] = await rawQuery<{ positions: number[]; ids: string[]; inserted: boolean[]; same: Array<boolean | null> }>(
    db,
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamp(3)[], $4::timestamp(3)[], $5::numeric[], $6::text[], $7::text[]) WITH ORDINALITY
         AS t("subscriptionId", "metricId", "periodStart", "periodEnd", "quantity", "uniqueKey", "idempotencyKey", n)
     ), ins AS (
       INSERT INTO "BillingUsageRecord" ("subscriptionId", "metricId", "periodStart", "periodEnd", "quantity", "uniqueKey", "idempotencyKey")
       SELECT "subscriptionId", "metricId", "periodStart", "periodEnd", "quantity", "uniqueKey", "idempotencyKey" FROM input
       ON CONFLICT ("subscriptionId", "metricId", "idempotencyKey") DO NOTHING
       RETURNING "id", "subscriptionId", "metricId", "idempotencyKey"
     ), answered AS (
       SELECT input.n, ins."id", true AS inserted, NULL::boolean AS same
         FROM ins JOIN input USING ("subscriptionId", "metricId", "idempotencyKey")
       UNION ALL
       SELECT k.n, r."id", false, (r."quantity" = k."quantity" AND r."periodStart" = k."periodStart" AND r."periodEnd" = k."periodEnd"
                                   AND r."uniqueKey" IS NOT DISTINCT FROM k."uniqueKey")
         FROM input k
         JOIN "BillingUsageRecord" r
           ON r."subscriptionId" = k."subscriptionId" AND r."metricId" = k."metricId" AND r."idempotencyKey" = k."idempotencyKey"
        WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins."subscriptionId" = k."subscriptionId" AND ins."metricId" = k."metricId" AND ins."idempotencyKey" = k."idempotencyKey")
          -- A one-time filter: when every row went in (the usual fresh batch) the held-key probes are skipped.
          AND (SELECT count(*) FROM ins) < (SELECT count(*) FROM input)
     )
     SELECT COALESCE(array_agg(n::int ORDER BY n), '{}') AS positions, COALESCE(array_agg("id"::text ORDER BY n), '{}') AS ids,
            COALESCE(array_agg(inserted ORDER BY n), '{}') AS inserted, COALESCE(array_agg(same ORDER BY n), '{}') AS same
       FROM answered`,
    rowArrays(rows),
  );
  // Every row starts as a duplicate; the answer names the inserted ones and what the held ones store.
  const out: Written[] = rows.map(() => ({ id: null, inserted: false, same: null }));
  (answer?.positions ?? []).forEach((position, i) => {
    out[position - 1] = { id: answer!.ids[i] ?? null, inserted: answer!.inserted[i] === true, same: answer!.same[i] ?? null };
  });
  return out;
}

const INSERT_ROWS = `INSERT INTO "BillingUsageRecord" ("subscriptionId", "metricId", "periodStart", "periodEnd", "quantity", "uniqueKey", "idempotencyKey")
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamp(3)[], $4::timestamp(3)[], $5::numeric[], $6::text[], $7::text[])`;

/** The rows as the seven column arrays INSERT_ROWS takes. */
function rowArrays(rows: readonly UsageRow[]): unknown[] {
  return [
    rows.map((r) => r.subscriptionId),
    rows.map((r) => r.metricId),
    rows.map((r) => r.item.periodFrom.toISOString()),
    rows.map((r) => r.item.periodTo.toISOString()),
    rows.map((r) => r.item.quantity),
    rows.map((r) => r.item.uniqueKey ?? null),
    rows.map((r) => r.item.idempotencyKey),
  ];
}

/** Which of these rows' keys are stored, read through the unique index. */
function readHeldRows(db: DbOrTx, rows: readonly UsageRow[]) {
  return rawQuery<{ subscriptionId: string; metricId: string; idempotencyKey: string }>(
    db,
    `SELECT r."subscriptionId", r."metricId", r."idempotencyKey"
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k("subscriptionId", "metricId", "idempotencyKey")
       JOIN "BillingUsageRecord" r
         ON r."subscriptionId" = k."subscriptionId" AND r."metricId" = k."metricId" AND r."idempotencyKey" = k."idempotencyKey"`,
    [rows.map((r) => r.subscriptionId), rows.map((r) => r.metricId), rows.map((r) => r.item.idempotencyKey)],
  );
}
