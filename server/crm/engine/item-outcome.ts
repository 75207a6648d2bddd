/**
 * What happens to a queue item after an attempt: success, a retry later
 * (exponential backoff with full jitter, Retry-After honoured), or the dead
 * letter once attempts run out or the failure is one a retry cannot fix.
 * The record's link shows the same state, with the error, in the console.
 */
import type { Db } from "@/server/db";
import { Prisma, type SyncQueueItem } from "@/server/generated/prisma/client";
import { toConnectorError, type ConnectorError } from "../connector";
import { nextAttemptDelay, type BackoffOptions } from "./backoff";
import { pushCoalesceKey } from "./enqueue";

const PUSH_OPERATIONS = new Set(["CREATE", "UPDATE"]);

export type ItemOutcome =
  | { status: "SUCCEEDED"; message: string }
  | { status: "FAILED"; error: ConnectorError; nextAttemptAt: Date }
  | { status: "DEAD"; error: ConnectorError };

/** Decides the outcome of a failed attempt (pure). */
export function failureOutcome(
  item: Pick<SyncQueueItem, "attempts" | "maxAttempts">,
  raw: unknown,
  now: Date,
  backoff: Omit<BackoffOptions, "retryAfterMs">,
): ItemOutcome {
  const error = toConnectorError(raw);
  if (!error.retryable || item.attempts >= item.maxAttempts) return { status: "DEAD", error };
  const delay = nextAttemptDelay(item.attempts, { ...backoff, retryAfterMs: error.retryAfterMs });
  return { status: "FAILED", error, nextAttemptAt: new Date(now.getTime() + delay) };
}

function describeError(e: ConnectorError): string {
  const fields = e.fields?.length ? ` [${e.fields.join(", ")}]` : "";
  return `${e.message}${fields}`.slice(0, 2000);
}

/** Marks items done in one statement (a batch's successes are stored together). */
export async function storeSuccesses(db: Db, itemIds: readonly string[], now: Date): Promise<void> {
  if (itemIds.length === 0) return;
  await db.syncQueueItem.updateMany({
    where: { id: { in: [...itemIds] }, status: "PROCESSING" },
    data: { status: "SUCCEEDED", finishedAt: now, lockedUntil: null, lastError: null, lastErrorKind: null },
  });
}

/** Stores the outcome on the item and its link. */
export async function storeOutcome(db: Db, item: SyncQueueItem, outcome: ItemOutcome, now: Date): Promise<void> {
  const isPush = PUSH_OPERATIONS.has(item.operation);
  if (outcome.status === "SUCCEEDED") {
    await storeSuccesses(db, [item.id], now);
    return;
  }
  const lastError = describeError(outcome.error);
  const common = { lockedUntil: null, lastError, lastErrorKind: outcome.error.kind };
  if (outcome.status === "DEAD") {
    await db.syncQueueItem.update({ where: { id: item.id }, data: { ...common, status: "DEAD", finishedAt: now } });
  } else {
    const data = { ...common, status: "FAILED" as const, nextAttemptAt: outcome.nextAttemptAt };
    // Waiting again: new changes of the record fold into this item, unless a newer one already waits.
    const key = isPush || item.operation === "DELETE" ? pushCoalesceKey(item.connectionId, item.entity, item.entityId) : null;
    try {
      await db.syncQueueItem.update({ where: { id: item.id }, data: { ...data, coalesceKey: key } });
    } catch (e) {
      if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
      await db.syncQueueItem.update({ where: { id: item.id }, data });
    }
  }
  if (isPush || item.entity === "user") {
    await db.syncLink.updateMany({
      where: { connectionId: item.connectionId, entity: item.entity, entityId: item.entityId },
      data: { status: "FAILED", lastError },
    });
  }
}
