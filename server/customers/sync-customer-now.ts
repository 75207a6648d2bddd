/**
 * "Sync now" on one customer: queues a push to every connection that syncs
 * customers (a create where it has no link yet, which adopts a CRM record
 * with the same key or e-mail) and wakes the workers.
 */
import type { Db } from "@/server/db";
import { connectionIdsOf, connectionsSyncing, enqueueRecordChange } from "@/server/crm/engine/enqueue";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { customerNotFound } from "./customer-errors";

export async function syncCustomerNow(db: Db, customerId: string): Promise<{ queued: number }> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw customerNotFound();
  const items = await db.$transaction(async (tx) => {
    const out = [];
    for (const conn of await connectionsSyncing(tx, "customer")) {
      const link = await tx.syncLink.findUnique({
        where: { connectionId_entity_entityId: { connectionId: conn.id, entity: "customer", entityId: customer.id } },
        select: { externalId: true },
      });
      out.push(
        ...(await enqueueRecordChange(tx, {
          entity: "customer",
          entityId: customer.id,
          operation: link?.externalId ? "UPDATE" : "CREATE",
          onlyConnectionId: conn.id,
        })),
      );
    }
    return out;
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return { queued: items.length };
}
