/**
 * Creating and editing a customer (the console, for CRM and billing alike).
 * Only the fields the caller sent are written, so a form that does not show
 * the tax rate, or an app that knows only a name and e-mail, leaves the rest
 * as it was. The CRM work the change implies is queued in the same
 * transaction and the workers are woken after commit.
 */
import { customerSchema, type CustomerData, type CustomerInput } from "@/lib/validators/customers";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { connectionIdsOf, newCorrelationId } from "@/server/crm/engine/enqueue";
import type { Db } from "@/server/db";
import type { Customer, Prisma } from "@/server/generated/prisma/client";
import { customerNotFound } from "./customer-errors";
import { queueCustomerChange, queueNewCustomer } from "./queue-customer-push";

/** The parsed input without the keys the caller left out (the schema keeps them undefined; an emptied field is null). */
export function sentFields(input: CustomerInput): Partial<CustomerData> {
  return Object.fromEntries(Object.entries(customerSchema.parse(input)).filter(([, v]) => v !== undefined)) as Partial<CustomerData>;
}

export async function createCustomer(db: Db, input: CustomerInput): Promise<Customer> {
  const data = sentFields(input) as Prisma.CustomerUncheckedCreateInput;
  const correlationId = newCorrelationId();
  const { customer, items } = await db.$transaction(async (tx) => {
    const customer = await tx.customer.create({ data });
    return { customer, items: await queueNewCustomer(tx, customer, correlationId) };
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return customer;
}

export async function updateCustomer(db: Db, id: string, input: CustomerInput): Promise<Customer> {
  const data = sentFields(input);
  const correlationId = newCorrelationId();
  const { customer, items } = await db.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { id } });
    if (!before) throw customerNotFound();
    const customer = await tx.customer.update({ where: { id }, data });
    return { customer, items: await queueCustomerChange(tx, before, customer, correlationId) };
  });
  await dispatchSyncWork(connectionIdsOf(items));
  return customer;
}
