/**
 * Creating and editing customers from the console. Each change queues its
 * CRM push in the same transaction (a rolled-back change queues nothing), and
 * the workers are woken only after commit. Significant changes (e-mail, name,
 * tax id, kind) also leave a note on the CRM record; a new customer missing
 * contact details gets a follow-up task for the CRM's customer-care role.
 */
import type { Db, DbOrTx } from "@/server/db";
import type { Customer } from "@/server/generated/prisma/client";
import { customerFormSchema, type CustomerFormInput } from "@/lib/validators/crm";
import { dispatchSyncWork } from "../engine/dispatch";
import { connectionIdsOf, enqueueOperation, enqueueRecordChange, newCorrelationId, type EnqueuedItem } from "../engine/enqueue";
import { crmNotFound } from "../errors";

const SIGNIFICANT: { field: keyof Customer; label: string }[] = [
  { field: "email", label: "E-mail" },
  { field: "name", label: "Name" },
  { field: "taxId", label: "Tax id" },
  { field: "kind", label: "Kind" },
];

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Queues the customer's push to every syncing CRM, in the caller's transaction (billing uses this too). */
export function enqueueCustomerSync(
  tx: DbOrTx,
  customerId: string,
  operation: "CREATE" | "UPDATE" | "DELETE",
  correlationId = newCorrelationId(),
): Promise<EnqueuedItem[]> {
  return enqueueRecordChange(tx, { entity: "customer", entityId: customerId, operation }, { correlationId });
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

export async function createCustomer(db: Db, input: CustomerFormInput): Promise<Customer> {
  const data = customerFormSchema.parse(input);
  const correlationId = newCorrelationId();
  const { customer, items } = await db.$transaction(async (tx) => {
    const customer = await tx.customer.create({ data });
    const items = [
      ...(await enqueueCustomerSync(tx, customer.id, "CREATE", correlationId)),
      ...(await queueMissingDetailsTasks(tx, customer, correlationId)),
    ];
    return { customer, items };
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return customer;
}

export async function updateCustomer(db: Db, id: string, input: CustomerFormInput): Promise<Customer> {
  const data = customerFormSchema.parse(input);
  const correlationId = newCorrelationId();
  const { customer, items } = await db.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { id } });
    if (!before) throw crmNotFound("The customer");
    const customer = await tx.customer.update({ where: { id }, data });
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => (before[k] ?? null) !== (customer[k] ?? null));
    if (changed.length === 0) return { customer, items: [] as EnqueuedItem[] };
    const items = await enqueueCustomerSync(tx, id, "UPDATE", correlationId);
    const notes = SIGNIFICANT.filter((s) => changed.includes(s.field as keyof typeof data)).map(
      (s) => `${s.label} changed from "${String(before[s.field] ?? "—")}" to "${String(customer[s.field] ?? "—")}"`,
    );
    if (notes.length) {
      for (const conn of new Set(items.map((i) => i.connectionId))) {
        items.push(
          await enqueueOperation(
            tx,
            {
              connectionId: conn,
              entity: "customer",
              entityId: id,
              operation: "NOTE",
              payload: { text: `Switchboard, ${ymd(new Date())}: ${notes.join("; ")}.` },
            },
            { correlationId },
          ),
        );
      }
    }
    return { customer, items };
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return customer;
}

/** Adds a note to the customer's record in every syncing CRM. */
export async function addCustomerNote(db: Db, customerId: string, text: string): Promise<number> {
  const items = await db.$transaction(async (tx) => {
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

/** Creates a follow-up task about the customer for the customer-care role of every syncing CRM that has one. */
export async function addCustomerTask(
  db: Db,
  input: { customerId: string; subject: string; description?: string; dueDate: string },
): Promise<number> {
  const items = await db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw crmNotFound("The customer");
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
