/**
 * Claiming due queue items with FOR UPDATE SKIP LOCKED: concurrent workers
 * never take the same item, and never take an item whose record another
 * worker is pushing right now. A claimed item is locked for a while; if its
 * worker dies, the lock runs out and the item becomes claimable again (the
 * attempt counts).
 */
import type { Db } from "@/server/db";
import { Prisma, type SyncQueueItem } from "@/server/generated/prisma/client";
import { SQL_NOW } from "./sql";

export const CLAIM_LOCK_SECONDS = 300;

/** Claims up to `limit` due items of a connection, oldest due first. */
export async function claimDueItems(db: Db, connectionId: string, limit: number): Promise<SyncQueueItem[]> {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    WITH picked AS (
      SELECT q."id" FROM "SyncQueueItem" q
      WHERE q."connectionId" = ${connectionId}
        AND ((q."status" IN ('PENDING', 'FAILED') AND q."nextAttemptAt" <= ${SQL_NOW})
          OR (q."status" = 'PROCESSING' AND q."lockedUntil" < ${SQL_NOW}))
        AND NOT EXISTS (
          SELECT 1 FROM "SyncQueueItem" p
          WHERE p."connectionId" = q."connectionId" AND p."entity" = q."entity" AND p."entityId" = q."entityId"
            AND p."status" = 'PROCESSING' AND p."lockedUntil" >= ${SQL_NOW} AND p."id" <> q."id")
      ORDER BY q."nextAttemptAt", q."createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "SyncQueueItem" q SET
      "status" = 'PROCESSING',
      "attempts" = q."attempts" + 1,
      "lockedUntil" = ${SQL_NOW} + make_interval(secs => ${CLAIM_LOCK_SECONDS}),
      "startedAt" = ${SQL_NOW},
      "coalesceKey" = NULL,
      "updatedAt" = ${SQL_NOW}
    FROM picked WHERE q."id" = picked."id"
    RETURNING q."id"`;
  if (claimed.length === 0) return [];
  const rows = await db.syncQueueItem.findMany({ where: { id: { in: claimed.map((c) => c.id) } } });
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** Connections with due work (the cron drain's list). */
export async function connectionsWithDueItems(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ connectionId: string }[]>(Prisma.sql`
    SELECT DISTINCT q."connectionId" FROM "SyncQueueItem" q
    JOIN "CrmConnection" c ON c."id" = q."connectionId"
    WHERE c."enabled" AND c."deletedAt" IS NULL
      AND ((q."status" IN ('PENDING', 'FAILED') AND q."nextAttemptAt" <= ${SQL_NOW})
        OR (q."status" = 'PROCESSING' AND q."lockedUntil" < ${SQL_NOW}))`);
  return rows.map((r) => r.connectionId);
}

/** The earliest time an item of the connection becomes due (null when nothing waits). */
export async function nextDueAt(db: Db, connectionId: string): Promise<Date | null> {
  const next = await db.syncQueueItem.findFirst({
    where: { connectionId, status: { in: ["PENDING", "FAILED"] } },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  return next?.nextAttemptAt ?? null;
}
