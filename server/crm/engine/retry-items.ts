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
  const rows = await db.$queryRaw<{ id: string; connectionId: string }[]>`
    UPDATE "SyncQueueItem" q SET
      "status" = 'PENDING',
      "attempts" = 0,
      "nextAttemptAt" = ${SQL_NOW},
      "finishedAt" = NULL,
      "lockedUntil" = NULL,
      "updatedAt" = ${SQL_NOW},
      "coalesceKey" = CASE
        WHEN q."operation" IN ('CREATE', 'UPDATE', 'DELETE') AND NOT EXISTS (
          SELECT 1 FROM "SyncQueueItem" w WHERE w."coalesceKey" = q."connectionId" || ':' || q."entity" || ':' || q."entityId" || ':push')
        THEN q."connectionId" || ':' || q."entity" || ':' || q."entityId" || ':push'
        ELSE NULL END
    FROM "CrmConnection" c
    WHERE c."id" = q."connectionId" AND c."deletedAt" IS NULL AND ${filter}
    RETURNING q."id", q."connectionId"`;
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
