/**
 * A safety net for customers written outside the CRM services (billing's
 * customer API, imports, a new connection's existing customers): every
 * minute the cron drain queues a push for each customer that a syncing
 * connection has no link for yet, or that changed after its link was last
 * written. Pushes carry no data and coalesce, so a sweep that overlaps a
 * normal enqueue costs nothing extra.
 */
import type { Db } from "@/server/db";
import { connectionsSyncing, connectionIdsOf, enqueueRecordChange, type EnqueuedItem } from "@/server/crm/engine/enqueue";

export async function enqueueUnsyncedCustomers(
  db: Db,
  opts: { limit?: number; connectionId?: string } = {},
): Promise<{ queued: number; connectionIds: string[] }> {
  const limit = opts.limit ?? 500;
  const items: EnqueuedItem[] = [];
  for (const conn of await connectionsSyncing(db, "customer")) {
    if (opts.connectionId && conn.id !== opts.connectionId) continue;
    const rows = await db.$queryRaw<{ id: string; linked: boolean }[]>`
      SELECT c."id", (l."id" IS NOT NULL) AS "linked" FROM "Customer" c
      LEFT JOIN "SyncLink" l ON l."connectionId" = ${conn.id} AND l."entity" = 'customer' AND l."entityId" = c."id"
      WHERE l."id" IS NULL OR (c."updatedAt" > l."updatedAt" AND l."status" <> 'REMOTE_DELETED')
      ORDER BY c."updatedAt" ASC
      LIMIT ${limit}`;
    for (const row of rows) {
      const queued = await db.$transaction((tx) =>
        enqueueRecordChange(tx, { entity: "customer", entityId: row.id, operation: row.linked ? "UPDATE" : "CREATE", onlyConnectionId: conn.id }),
      );
      items.push(...queued);
    }
  }
  return { queued: items.filter((i) => i.inserted).length, connectionIds: connectionIdsOf(items) };
}
