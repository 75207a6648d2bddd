import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { connectionIdsOf, enqueueOperation, newCorrelationId, type EnqueuedItem } from "@/server/crm/engine/enqueue";
import type { Db } from "@/server/db";
import { customerNotFound } from "./customer-errors";

/** Adds a note to the customer's record in every syncing CRM that has it; answers how many notes were queued. */
export async function addCustomerNote(db: Db, customerId: string, text: string): Promise<number> {
  const items = await db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
    if (!customer) throw customerNotFound();
    const links = await tx.syncLink.findMany({
      where: { entity: "customer", entityId: customerId, connection: { enabled: true, deletedAt: null } },
      select: { connectionId: true },
    });
    const correlationId = newCorrelationId();
    const out: EnqueuedItem[] = [];
    for (const l of links) {
      out.push(
        await enqueueOperation(
          tx,
          { connectionId: l.connectionId, entity: "customer", entityId: customerId, operation: "NOTE", payload: { text } },
          { correlationId },
        ),
      );
    }
    return out;
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return items.length;
}
