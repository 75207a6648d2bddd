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
import type { Db } from "@/server/db";
import type { BillingMetric } from "@/server/generated/prisma/client";
import { storeUsageItems, type UsageItemErrorCode } from "../usage/store-usage-items";

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

class RollBack extends Error {
  constructor(readonly errors: Record<number, FieldErrors>) {
    super("roll back");
  }
}

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

export async function ingestLagoEvents(db: Db, serviceId: string, raw: readonly unknown[], now: Date = new Date()): Promise<IngestEventsResult> {
  const errors: Record<number, FieldErrors> = {};
  const parsed: Array<{ index: number; event: LagoEventInput; timestamp: Date }> = [];
  raw.forEach((value, index) => {
    const result = lagoEventSchema.safeParse(value);
    if (result.success) parsed.push({ index, event: result.data, timestamp: result.data.timestamp ?? now });
    else for (const issue of result.error.issues) add(errors, index, issue.path.map(String).join(".") || "event", issue.message);
  });

  const codes = [...new Set(parsed.map((p) => p.event.code))];
  const metrics = codes.length ? await db.billingMetric.findMany({ where: { code: { in: codes } }, select: { code: true, fieldName: true, aggregation: true } }) : [];
  const metricByCode = new Map(metrics.map((m) => [m.code, m]));
  const items: Array<{ index: number; item: UsageItem }> = [];
  for (const { index, event, timestamp } of parsed) {
    const measured = measure(event, metricByCode.get(event.code));
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
  if (Object.keys(errors).length > 0 && items.length === 0) return { ok: false, errors };

  try {
    const events = await db.$transaction(async (tx) => {
      const results = await storeUsageItems(tx, serviceId, items, now);
      for (const r of results) {
        if (r.status === "duplicate") add(errors, r.index, "transaction_id", "value_already_exist");
        for (const e of r.errors ?? []) {
          const [field, code] = LAGO_CODES[e.code] ?? (e.code === "idempotency_key_reused" ? ["transaction_id", "value_already_exist"] : ["event", e.code]);
          add(errors, r.index, field, code);
        }
      }
      if (Object.keys(errors).length > 0) throw new RollBack(errors);
      const subs = await tx.billingSubscription.findMany({
        where: { serviceId, externalId: { in: [...new Set(parsed.map((p) => p.event.external_subscription_id))] } },
        select: { id: true, externalId: true },
      });
      const subIdByExternal = new Map(subs.map((s) => [s.externalId, s.id]));
      const byIndex = new Map(parsed.map((p) => [p.index, p]));
      return results.map((r) => {
        const p = byIndex.get(r.index)!;
        return { event: p.event, timestamp: p.timestamp, recordId: r.recordId ?? "", subscriptionId: subIdByExternal.get(p.event.external_subscription_id) ?? "" };
      });
    });
    return { ok: true, events };
  } catch (error) {
    if (error instanceof RollBack) return { ok: false, errors: error.errors };
    throw error;
  }
}
