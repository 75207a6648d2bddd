/**
 * Identity resolution behind POST /api/billing/v1/customers: a source app's
 * account resolves to one customer. The account's link wins; otherwise a
 * customer with the same e-mail is reused (one customer per real client
 * across apps); otherwise a new customer is created. The customer then gets
 * what the app sent, and the CRM hears about it exactly as it would about a
 * console edit (queue-customer-push.ts).
 */
import type { CustomerInput } from "@/lib/validators/customers";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { connectionIdsOf, newCorrelationId, type EnqueuedItem } from "@/server/crm/engine/enqueue";
import type { Db, DbOrTx } from "@/server/db";
import type { Customer, Prisma } from "@/server/generated/prisma/client";
import { queueCustomerChange, queueNewCustomer } from "./queue-customer-push";
import { sentFields } from "./save-customer";

interface Upserted {
  customer: Customer;
  created: boolean;
  linked: boolean;
}

export async function upsertCustomerForService(db: Db, serviceId: string, externalId: string, input: CustomerInput): Promise<Upserted> {
  const correlationId = newCorrelationId();
  const { result, items } = await db.$transaction(async (tx) => {
    const { before, ...result } = await upsertCustomerInTx(tx, serviceId, externalId, input);
    const items: EnqueuedItem[] = before
      ? await queueCustomerChange(tx, before, result.customer, correlationId)
      : await queueNewCustomer(tx, result.customer, correlationId);
    return { result, items };
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return result;
}

async function upsertCustomerInTx(
  db: DbOrTx,
  serviceId: string,
  externalId: string,
  input: CustomerInput,
): Promise<Upserted & { before: Customer | null }> {
  const sent = sentFields(input);
  const link = await db.billingAccountLink.findUnique({
    where: { serviceId_externalId: { serviceId, externalId } },
    include: { customer: true },
  });
  if (link) {
    const customer = await db.customer.update({ where: { id: link.customerId }, data: sent });
    if (sent.email && link.externalEmail !== sent.email) {
      await db.billingAccountLink.update({ where: { id: link.id }, data: { externalEmail: sent.email } });
    }
    return { customer, before: link.customer, created: false, linked: false };
  }
  const byEmail = sent.email
    ? await db.customer.findFirst({ where: { email: { equals: sent.email, mode: "insensitive" } }, orderBy: { createdAt: "asc" } })
    : null;
  const customer = byEmail
    ? await db.customer.update({ where: { id: byEmail.id }, data: sent })
    : await db.customer.create({ data: sent as Prisma.CustomerUncheckedCreateInput });
  // A concurrent upsert of the same account may have linked first: keep its link.
  await db.billingAccountLink.upsert({
    where: { serviceId_externalId: { serviceId, externalId } },
    update: {},
    create: { serviceId, externalId, customerId: customer.id, externalEmail: sent.email ?? null },
  });
  return { customer, before: byEmail, created: !byEmail, linked: true };
}
