/**
 * The shared Customer record as billing uses it: console create/update,
 * listing, and the identity resolution behind POST /api/billing/v1/customers.
 * Every write queues the customer's CRM push in the same transaction (as the
 * CRM's own customer screens do) and wakes the sync workers after commit.
 */
import { customerSchema, type CustomerInput } from "@/lib/validators/billing";
import { enqueueCustomerSync } from "@/server/crm/customers/manage-customers";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { connectionIdsOf } from "@/server/crm/engine/enqueue";
import type { Db, DbOrTx } from "@/server/db";
import type { Customer, Prisma } from "@/server/generated/prisma/client";
import { notFound } from "../errors";

export async function createCustomer(db: Db, input: CustomerInput): Promise<Customer> {
  const data = customerSchema.parse(input);
  const { customer, items } = await db.$transaction(async (tx) => {
    const customer = await tx.customer.create({ data });
    return { customer, items: await enqueueCustomerSync(tx, customer.id, "CREATE") };
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return customer;
}

export async function updateCustomer(db: Db, id: string, input: CustomerInput): Promise<Customer> {
  const data = customerSchema.parse(input);
  const { customer, items } = await db.$transaction(async (tx) => {
    const existing = await tx.customer.findUnique({ where: { id }, select: { id: true } });
    if (!existing) throw notFound("Customer", id);
    const customer = await tx.customer.update({ where: { id }, data });
    return { customer, items: await enqueueCustomerSync(tx, id, "UPDATE") };
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return customer;
}

export async function getCustomerOrThrow(db: DbOrTx, id: string) {
  const customer = await db.customer.findUnique({
    where: { id },
    include: {
      billingAccountLinks: { include: { service: { select: { code: true, name: true } } } },
      billingSubscriptions: { include: { plan: { select: { code: true, name: true } } }, orderBy: { createdAt: "desc" } },
    },
  });
  if (!customer) throw notFound("Customer", id);
  return customer;
}

/** A page of customers, searched by name, e-mail or tax id. */
export async function listCustomers(db: DbOrTx, opts: { search?: string; page: number; pageSize: number }) {
  const search = opts.search?.trim();
  const where: Prisma.CustomerWhereInput = search
    ? {
        OR: [
          { name: { contains: search, mode: "insensitive" } },
          { email: { contains: search, mode: "insensitive" } },
          { taxId: { contains: search, mode: "insensitive" } },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    db.customer.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: { _count: { select: { billingSubscriptions: true } }, billingAccountLinks: { select: { externalId: true, service: { select: { code: true } } } } },
    }),
    db.customer.count({ where }),
  ]);
  return { rows, total, page: opts.page, pageSize: opts.pageSize };
}

/**
 * Identity resolution for a source app's account: the account's link wins;
 * otherwise a customer with the same e-mail is reused (one customer per real
 * client across apps); otherwise a new customer is created. The link is then
 * (re)written and the customer's details updated with what the app sent.
 */
export async function upsertCustomerForService(
  db: Db,
  serviceId: string,
  externalId: string,
  input: CustomerInput,
): Promise<{ customer: Customer; created: boolean; linked: boolean }> {
  const { result, items } = await db.$transaction(async (tx) => {
    const result = await upsertCustomerInTx(tx, serviceId, externalId, input);
    const items = await enqueueCustomerSync(tx, result.customer.id, result.created ? "CREATE" : "UPDATE");
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
): Promise<{ customer: Customer; created: boolean; linked: boolean }> {
  const data = customerSchema.parse(input);
  // An update changes only what the app sent: fields it left out keep the values the CRM or another app gave them.
  const sent = Object.fromEntries(
    Object.entries(data).filter(([key]) => (input as Record<string, unknown>)[key] !== undefined),
  ) as Partial<typeof data>;
  const link = await db.billingAccountLink.findUnique({ where: { serviceId_externalId: { serviceId, externalId } } });
  if (link) {
    const customer = await db.customer.update({ where: { id: link.customerId }, data: sent });
    if (data.email && link.externalEmail !== data.email) {
      await db.billingAccountLink.update({ where: { id: link.id }, data: { externalEmail: data.email } });
    }
    return { customer, created: false, linked: false };
  }
  const byEmail = data.email
    ? await db.customer.findFirst({ where: { email: { equals: data.email, mode: "insensitive" } }, orderBy: { createdAt: "asc" } })
    : null;
  const customer = byEmail ? await db.customer.update({ where: { id: byEmail.id }, data: sent }) : await db.customer.create({ data });
  // A concurrent upsert of the same account may have linked first: keep its link.
  await db.billingAccountLink.upsert({
    where: { serviceId_externalId: { serviceId, externalId } },
    update: {},
    create: { serviceId, externalId, customerId: customer.id, externalEmail: data.email },
  });
  return { customer, created: !byEmail, linked: true };
}
