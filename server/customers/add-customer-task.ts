import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { connectionIdsOf, enqueueOperation, newCorrelationId, type EnqueuedItem } from "@/server/crm/engine/enqueue";
import type { Db } from "@/server/db";
import { customerNotFound } from "./customer-errors";

/** Creates a follow-up task about the customer for the customer-care role of every syncing CRM that has one. */
export async function addCustomerTask(
  db: Db,
  input: { customerId: string; subject: string; description?: string; dueDate: string },
): Promise<number> {
  const items = await db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw customerNotFound();
    const links = await tx.syncLink.findMany({
      where: { entity: "customer", entityId: input.customerId, connection: { enabled: true, deletedAt: null, taskRoleId: { not: null } } },
      select: { connectionId: true },
    });
    const correlationId = newCorrelationId();
    const out: EnqueuedItem[] = [];
    for (const l of links) {
      out.push(
        await enqueueOperation(
          tx,
          {
            connectionId: l.connectionId,
            entity: "customer",
            entityId: input.customerId,
            operation: "TASK",
            payload: { subject: input.subject, description: input.description, dueDate: input.dueDate, priority: "Medium" },
          },
          { correlationId },
        ),
      );
    }
    return out;
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return items.length;
}
