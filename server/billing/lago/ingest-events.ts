/**
 * Lago's raw events (POST /events and /events/batch) into the same usage
 * store as the native push. Each event becomes one usage row at its
 * timestamp, keyed by `transaction_id`; the metric's field_name says which
 * property carries the value (summed, maxed, taken last or counted
 * distinct by the metric's aggregation), and a metric without one counts
 * events. As Lago's Postgres event store does, a request is all or nothing:
 * any invalid or already-held event (transaction_id value_already_exist)
 * fails it with a 422 naming each one, and nothing of it is stored.
 */
import { usageItemSchema, type UsageItem } from "@/lib/validators/billing";
import { lagoEventSchema, type LagoEventInput } from "@/lib/validators/billing-api";
import type { DbOrTx } from "@/server/db";
import type { BillingMetric } from "@/server/generated/prisma/client";
import { BillingError } from "../errors";
import { checkUsageItems, insertAllUsageRows, loadUsageTargets, type UsageItemErrorCode, type UsageItemResult } from "../usage/store-usage-items";

type FieldErrors = Record<string, string[]>;

export type IngestEventsResult =
  | { ok: true; events: Array<{ event: LagoEventInput; timestamp: Date; recordId: string; subscriptionId: string }> }
  | { ok: false; errors: Record<number, FieldErrors> };

/** Lago's error codes for what our store refuses. */
const LAGO_CODES: Partial<Record<UsageItemErrorCode, [string, string]>> = {
  unknown_subscription: ["external_subscription_id", "subscription_not_found"],
  subscription_terminated: ["external_subscription_id", "subscription_terminated"],
  unknown_metric: ["code", "metric_not_found"],
  metric_not_on_plan: ["code", "metric_not_on_plan"],
  period_closed: ["timestamp", "billing_period_closed"],
  period_in_future: ["timestamp", "in_the_future"],
};

function add(errors: Record<number, FieldErrors>, index: number, field: string, code: string) {
  ((errors[index] ??= {})[field] ??= []).push(code);
}

/** The event's quantity and unique key from its properties, by the metric's field_name and aggregation. */
function measure(event: LagoEventInput, metric: Pick<BillingMetric, "fieldName" | "aggregation"> | undefined): { quantity: string; uniqueKey?: string } | { error: [string, string] } {
  if (!metric?.fieldName) return { quantity: "1" };
  const field = `properties.${metric.fieldName}`;
  const value = event.properties?.[metric.fieldName];
  if (value === undefined || value === null || value === "") return { error: [field, "value_is_mandatory"] };
  if (metric.aggregation === "unique_count") {
    if (typeof value !== "string" && typeof value !== "number") return { error: [field, "invalid_value"] };
    return { quantity: "1", uniqueKey: String(value) };
  }
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  // Plain decimal text only: 1e21 or NaN would not survive as an exact quantity.
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: [field, "invalid_value"] };
  return { quantity: text };
}

export async function ingestLagoEvents(db: DbOrTx, serviceId: string, raw: readonly unknown[], now: Date = new Date()): Promise<IngestEventsResult> {
  const errors: Record<number, FieldErrors> = {};
  const parsed: Array<{ index: number; event: LagoEventInput; timestamp: Date }> = [];
  raw.forEach((value, index) => {
    const result = lagoEventSchema.safeParse(value);
    if (result.success) parsed.push({ index, event: result.data, timestamp: result.data.timestamp ?? now });
    else for (const issue of result.error.issues) add(errors, index, issue.path.map(String).join(".") || "event", issue.message);
  });

  const targets = await loadUsageTargets(
    db,
    serviceId,
    parsed.map((p) => p.event.external_subscription_id),
    parsed.map((p) => p.event.code),
  );
  const items: Array<{ index: number; item: UsageItem }> = [];
  for (const { index, event, timestamp } of parsed) {
    const measured = measure(event, targets.metrics.get(event.code));
    if ("error" in measured) {
      add(errors, index, ...measured.error);
      continue;
    }
    const item = usageItemSchema.safeParse({
      external_subscription_id: event.external_subscription_id,
      metric_code: event.code,
      period: { from: timestamp.toISOString(), to: new Date(timestamp.getTime() + 1).toISOString() },
      quantity: measured.quantity,
      idempotency_key: event.transaction_id,
      ...(measured.uniqueKey === undefined ? {} : { unique_key: measured.uniqueKey }),
    });
    if (item.success) items.push({ index, item: item.data });
    else for (const issue of item.error.issues) add(errors, index, issue.path[0] === "quantity" ? "properties" : issue.path.map(String).join("."), issue.message);
  }

  const { rows, results } = checkUsageItems(targets, items, now);
  for (const r of results) addStoreErrors(errors, r);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // Nothing is written unless every event is good, so a refused request leaves no trace.
  let written = await insertAllUsageRows(db, rows);
  // A key held by a concurrent request that then rolled back is free again: insert once more.
  if (!written.ok && written.held.length === 0) written = await insertAllUsageRows(db, rows);
  if (!written.ok) {
    for (const row of written.held) add(errors, row.index, "transaction_id", "value_already_exist");
    if (written.held.length === 0) throw new BillingError("conflict", "Another request was storing the same transaction_id; send this batch again");
    return { ok: false, errors };
  }
  const byIndex = new Map(parsed.map((p) => [p.index, p]));
  return {
    ok: true,
    events: rows.map((row) => {
      const p = byIndex.get(row.index)!;
      return { event: p.event, timestamp: p.timestamp, recordId: written.ids.get(row) ?? "", subscriptionId: row.subscriptionId };
    }),
  };
}

/** A refusal or in-batch repeat from the store, in Lago's field and code. */
function addStoreErrors(errors: Record<number, FieldErrors>, result: UsageItemResult): void {
  if (result.status === "duplicate") add(errors, result.index, "transaction_id", "value_already_exist");
  for (const e of result.errors ?? []) {
    const [field, code] = LAGO_CODES[e.code] ?? (e.code === "idempotency_key_reused" ? ["transaction_id", "value_already_exist"] : ["event", e.code]);
    add(errors, result.index, field, code);
  }
}
