/**
 * A queue item that cannot go yet because another record must reach the
 * CRM first (a field job whose customer is not linked, a note on a job not
 * created yet). The handler throws ItemWait; the item goes back to PENDING
 * without spending an attempt, shows the reason on the dashboard, and is
 * released as soon as the record it waits for is pushed on the same
 * connection (or re-checked after `recheckMs` when the record arrives some
 * other way, e.g. a pull that links it).
 */
import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { SQL_NOW } from "./sql";

/** The recheck interval when nothing releases the item sooner. */
export const WAIT_RECHECK_MS = 60_000;

export class ItemWait extends Error {
  /** "<entity>:<entityId>" of the record this item waits for. */
  readonly waitingFor: string;
  readonly recheckMs: number;

  constructor(reason: string, waitingFor: { entity: string; entityId: string }, recheckMs = WAIT_RECHECK_MS) {
    super(reason);
    this.name = "ItemWait";
    this.waitingFor = `${waitingFor.entity}:${waitingFor.entityId}`;
    this.recheckMs = recheckMs;
  }
}

/** The error kind a waiting item carries in `lastErrorKind` (it is no error: nothing failed). */
export const WAITING_KIND = "waiting";

/** Parks a claimed item: back to PENDING, the attempt given back, the reason shown. */
export async function storeWait(db: Db, itemId: string, wait: ItemWait, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "SyncQueueItem" SET
      "status" = 'PENDING',
      "attempts" = GREATEST("attempts" - 1, 0),
      "nextAttemptAt" = ${new Date(now.getTime() + wait.recheckMs).toISOString()}::timestamptz AT TIME ZONE 'UTC',
      "lockedUntil" = NULL,
      "lastError" = ${wait.message.slice(0, 2000)},
      "lastErrorKind" = ${WAITING_KIND},
      "payload" = "payload" || jsonb_build_object('waitingFor', ${wait.waitingFor}::text),
      "updatedAt" = ${SQL_NOW}
    WHERE "id" = ${itemId} AND "status" = 'PROCESSING'`;
}

/** Makes the items waiting for these records due now; returns how many. */
export async function releaseWaiting(db: Db, connectionId: string, records: readonly string[]): Promise<number> {
  if (records.length === 0) return 0;
  return db.$executeRaw`
    UPDATE "SyncQueueItem" SET "nextAttemptAt" = ${SQL_NOW}, "updatedAt" = ${SQL_NOW}
    WHERE "connectionId" = ${connectionId} AND "status" = 'PENDING' AND "lastErrorKind" = ${WAITING_KIND}
      AND "payload"->>'waitingFor' IN (${Prisma.join([...records])})`;
}
