/**
 * A note or a follow-up task about a customer, written on its record in
 * every CRM that has it linked (tasks only where the connection names a
 * customer-care role to assign them to). Answers how many were queued.
 */
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { connectionIdsOf, enqueueOperation, newCorrelationId } from "@/server/crm/engine/enqueue";
import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { customerNotFound } from "./customer-errors";

async function queueOnLinkedConnections(db: Db, customerId: string, operation: "NOTE" | "TASK", payload: Prisma.InputJsonObject): Promise<number> {
  const items = await db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
    if (!customer) throw customerNotFound();
    const links = await tx.syncLink.findMany({
      where: {
        entity: "customer",
        entityId: customerId,
        connection: { enabled: true, deletedAt: null, ...(operation === "TASK" ? { taskRoleId: { not: null } } : {}) },
      },
      select: { connectionId: true },
    });
    const correlationId = newCorrelationId();
    const out = [];
    for (const l of links) {
      out.push(await enqueueOperation(tx, { connectionId: l.connectionId, entity: "customer", entityId: customerId, operation, payload }, { correlationId }));
    }
    return out;
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return items.length;
}

export function addCustomerNote(db: Db, customerId: string, text: string): Promise<number> {
  return queueOnLinkedConnections(db, customerId, "NOTE", { text });
}

export function addCustomerTask(db: Db, input: { customerId: string; subject: string; description?: string; dueDate: string }): Promise<number> {
  const { customerId, subject, description, dueDate } = input;
  return queueOnLinkedConnections(db, customerId, "TASK", { subject, ...(description ? { description } : {}), dueDate, priority: "Medium" });
}
