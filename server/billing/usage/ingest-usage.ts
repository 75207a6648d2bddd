/**
 * The native usage push (POST /api/billing/v1/usage): a batch of aggregated
 * counters, validated item by item (one bad counter does not sink the rest)
 * and written by the shared store (store-usage-items.ts), idempotent per key.
 */
import { parseUsageBatch } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";
import { storeUsageItems, type UsageItemResult } from "./store-usage-items";

export type { UsageItemError, UsageItemResult, UsageItemStatus } from "./store-usage-items";

export type IngestUsageResult =
  | { ok: false; errors: Array<{ path: string; message: string }> }
  | { ok: true; accepted: number; duplicates: number; rejected: number; results: UsageItemResult[] };

/** Validates and stores a usage batch for `serviceId`; items naming another service's subscription are "unknown". */
export async function ingestUsage(db: DbOrTx, serviceId: string, body: unknown, now: Date = new Date()): Promise<IngestUsageResult> {
  const parsed = parseUsageBatch(body);
  if (!parsed.ok) return parsed;
  const invalid: UsageItemResult[] = parsed.rejected.map((r) => ({
    index: r.index,
    idempotency_key: r.idempotencyKey,
    status: "rejected",
    errors: r.errors.map((e) => ({ code: "invalid", path: e.path, message: e.message })),
  }));
  const stored = await storeUsageItems(db, serviceId, parsed.accepted, now);
  // recordId and subscriptionId are for Lago's events; the native answer keeps its shape.
  const results = [...invalid, ...stored.map(({ recordId: _recordId, subscriptionId: _subscriptionId, ...r }) => r)].sort((a, b) => a.index - b.index);
  return {
    ok: true,
    accepted: results.filter((r) => r.status === "accepted").length,
    duplicates: results.filter((r) => r.status === "duplicate").length,
    rejected: results.filter((r) => r.status === "rejected").length,
    results,
  };
}
