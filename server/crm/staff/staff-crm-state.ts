import type { DbOrTx } from "@/server/db";
import { crmUserLimits, listStaffSyncConnections } from "./staff-accounts";

/**
 * The CRM card of a person's page: for each connection that syncs staff,
 * whether they are linked ("Synced", with the CRM link), waiting, or not
 * synced, the last failure in words, and what the CRM cannot do (so the page
 * can say what the CRM admin must do). Client staff get no CRM users.
 */
export async function getStaffCrmState(db: DbOrTx, userId: string) {
  const isStaff = (await db.membership.count({ where: { userId, role: { in: ["PROVIDER_ADMIN", "AGENT"] } } })) > 0;
  if (!isStaff) return { isStaff, connections: [] };
  const connections = await listStaffSyncConnections(db);
  const links = await db.syncLink.findMany({ where: { entity: "user", entityId: userId, connectionId: { in: connections.map((c) => c.id) } } });
  const waiting = await db.syncQueueItem.groupBy({
    by: ["connectionId"],
    where: { entity: "user", entityId: userId, connectionId: { in: connections.map((c) => c.id) }, status: { in: ["PENDING", "PROCESSING", "FAILED"] } },
    _count: { _all: true },
  });
  return {
    isStaff,
    connections: connections.map((c) => {
      const link = links.find((l) => l.connectionId === c.id);
      const limits = crmUserLimits(c.provider);
      return {
        id: c.id,
        name: c.name,
        provider: c.provider,
        canCreate: limits.canCreate,
        limits: limits.explanation,
        state: link?.externalId ? ("synced" as const) : link?.status === "PENDING" ? ("pending" as const) : link ? ("failed" as const) : ("none" as const),
        linkStatus: link?.status ?? null,
        remoteUrl: link?.remoteUrl ?? null,
        lastError: link?.lastError ?? null,
        lastSyncedAt: link?.lastSyncedAt ?? null,
        waitingItems: waiting.find((w) => w.connectionId === c.id)?._count._all ?? 0,
      };
    }),
  };
}
