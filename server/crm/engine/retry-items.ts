/**
 * Manual retry from the dashboard: one item, a selection, or every dead item
 * of a connection. A retried item starts afresh (attempts reset, due now);
 * a record push becomes the waiting push of its record again unless a newer
 * one already waits (that one pushes the latest state anyway).
 */
import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { SQL_NOW } from "./sql";

export interface RetryResult {
  retried: number;
  connectionIds: string[];
}

/** Retries the given items (failed or dead ones; others are left alone). */
export async function retryItems(db: Db, where: { ids: readonly string[] } | { connectionId: string; allDead: true }): Promise<RetryResult> {
  const filter =
    "ids" in where
      ? Prisma.sql`q."id" IN (${Prisma.join(where.ids.length ? [...where.ids] : ["-"])}) AND q."status" IN ('FAILED', 'DEAD')`
      : Prisma.sql`q."connectionId" = ${where.connectionId} AND q."status" = 'DEAD'`;
  // Only one push per record may wait (the unique coalesceKey): when several dead pushes of one record are
  // retried together, the newest takes the key and the others retry without one.
  const rows = await db.$queryRaw<{ id: string; connectionId: string }[]>`
    WITH picked AS (
      SELECT q."id",
        q."operation" IN ('CREATE', 'UPDATE', 'DELETE') AS "isPush",
        ROW_NUMBER() OVER (
          PARTITION BY q."connectionId", q."entity", q."entityId", q."operation" IN ('CREATE', 'UPDATE', 'DELETE')
          ORDER BY q."createdAt" DESC, q."id" DESC
        ) AS "rank"
      FROM "SyncQueueItem" q
      JOIN "CrmConnection" c ON c."id" = q."connectionId" AND c."deletedAt" IS NULL
      WHERE ${filter}
    )
    UPDATE "SyncQueueItem" u SET
      "status" = 'PENDING',
      "attempts" = 0,
      "nextAttemptAt" = ${SQL_NOW},
      "finishedAt" = NULL,
      "lockedUntil" = NULL,
      "updatedAt" = ${SQL_NOW},
      "coalesceKey" = CASE
        WHEN p."isPush" AND p."rank" = 1 AND NOT EXISTS (
          SELECT 1 FROM "SyncQueueItem" w WHERE w."coalesceKey" = u."connectionId" || ':' || u."entity" || ':' || u."entityId" || ':push')
        THEN u."connectionId" || ':' || u."entity" || ':' || u."entityId" || ':push'
        ELSE NULL END
    FROM picked p
    WHERE p."id" = u."id"
    RETURNING u."id", u."connectionId"`;
  if (rows.length) {
    const ids = rows.map((r) => r.id);
    const items = await db.syncQueueItem.findMany({ where: { id: { in: ids } }, select: { connectionId: true, entity: true, entityId: true, operation: true } });
    const pushes = items.filter((i) => i.operation === "CREATE" || i.operation === "UPDATE");
    if (pushes.length) {
      await db.syncLink.updateMany({
        where: { OR: pushes.map((i) => ({ connectionId: i.connectionId, entity: i.entity, entityId: i.entityId })) },
        data: { status: "PENDING" },
      });
    }
  }
  return { retried: rows.length, connectionIds: [...new Set(rows.map((r) => r.connectionId))] };
}
