/**
 * What a customer write owes the connected CRMs, queued in the writer's
 * transaction (a rolled-back write queues nothing): a push when a field the
 * CRM sees changed, a note on the CRM record when an identifying field
 * changed, and a follow-up task when a new customer lacks contact details.
 * Every writer (console, billing API, imports) goes through here, so the CRM
 * hears the same story whoever changed the record.
 */
import type { DbOrTx } from "@/server/db";
import type { Customer } from "@/server/generated/prisma/client";
import { enqueueOperation, enqueueRecordChange, newCorrelationId, type EnqueuedItem } from "@/server/crm/engine/enqueue";

/** Columns the CRM customer adapter reads (server/crm/entities/customer-adapter.ts); billing-only columns never trigger a push. */
const CRM_VISIBLE: readonly (keyof Customer)[] = [
  "kind",
  "name",
  "email",
  "phone",
  "addressLine1",
  "addressLine2",
  "city",
  "region",
  "postalCode",
  "country",
  "taxId",
  "legalName",
];

/** Changes worth a human-readable note on the CRM record. */
const SIGNIFICANT: { field: keyof Customer; label: string }[] = [
  { field: "email", label: "E-mail" },
  { field: "name", label: "Name" },
  { field: "taxId", label: "Tax id" },
  { field: "kind", label: "Kind" },
];

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Queues the customer's push to every syncing CRM, in the caller's transaction. */
export function enqueueCustomerSync(
  tx: DbOrTx,
  customerId: string,
  operation: "CREATE" | "UPDATE" | "DELETE",
  correlationId = newCorrelationId(),
): Promise<EnqueuedItem[]> {
  return enqueueRecordChange(tx, { entity: "customer", entityId: customerId, operation }, { correlationId });
}

/** A new customer: its create push, and a task for the CRM's customer-care role when e-mail or phone is missing. */
export async function queueNewCustomer(tx: DbOrTx, customer: Customer, correlationId: string): Promise<EnqueuedItem[]> {
  return [...(await enqueueCustomerSync(tx, customer.id, "CREATE", correlationId)), ...(await queueMissingDetailsTasks(tx, customer, correlationId))];
}

async function queueMissingDetailsTasks(tx: DbOrTx, customer: Customer, correlationId: string): Promise<EnqueuedItem[]> {
  const missing = [!customer.email && "e-mail", !customer.phone && "phone"].filter((x): x is string => Boolean(x));
  if (missing.length === 0) return [];
  const connections = await tx.crmConnection.findMany({
    where: { enabled: true, deletedAt: null, taskRoleId: { not: null } },
    select: { id: true },
  });
  const due = new Date(Date.now() + 3 * 86_400_000);
  const out: EnqueuedItem[] = [];
  for (const c of connections) {
    out.push(
      await enqueueOperation(
        tx,
        {
          connectionId: c.id,
          entity: "customer",
          entityId: customer.id,
          operation: "TASK",
          payload: {
            subject: `Missing ${missing.join(" and ")} for ${customer.name}`,
            description: `Switchboard has no ${missing.join(" or ")} for this customer. Please ask them and update the record.`,
            dueDate: ymd(due),
            priority: "Medium",
          },
          idempotencyKey: `missing-details:${c.id}:${customer.id}`,
        },
        { correlationId },
      ),
    );
  }
  return out;
}

/** An edited customer: a push if the CRM sees any change, plus a note per connection naming the significant ones. */
export async function queueCustomerChange(tx: DbOrTx, before: Customer, after: Customer, correlationId: string): Promise<EnqueuedItem[]> {
  const changed = CRM_VISIBLE.filter((k) => (before[k] ?? null) !== (after[k] ?? null));
  if (changed.length === 0) return [];
  const items = await enqueueCustomerSync(tx, after.id, "UPDATE", correlationId);
  const notes = SIGNIFICANT.filter((s) => changed.includes(s.field)).map(
    (s) => `${s.label} changed from "${String(before[s.field] ?? "—")}" to "${String(after[s.field] ?? "—")}"`,
  );
  if (notes.length === 0) return items;
  for (const connectionId of new Set(items.map((i) => i.connectionId))) {
    items.push(
      await enqueueOperation(
        tx,
        { connectionId, entity: "customer", entityId: after.id, operation: "NOTE", payload: { text: `Switchboard, ${ymd(new Date())}: ${notes.join("; ")}.` } },
        { correlationId },
      ),
    );
  }
  return items;
}
