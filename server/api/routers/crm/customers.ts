import { z } from "zod";
import { customerFormSchema, customerNoteSchema, customerTaskSchema, listCustomersSchema } from "@/lib/validators/crm";
import { idSchema } from "@/lib/validators/common";
import { addCustomerNote, addCustomerTask, createCustomer, updateCustomer } from "@/server/crm/customers/manage-customers";
import { getCustomerWithSync, listCustomersWithSync } from "@/server/crm/customers/list-customers";
import { listOpenConflicts } from "@/server/crm/dashboard/sync-dashboard";
import { syncCustomerNow } from "@/server/crm/customers/sync-customer-now";
import { createTRPCRouter } from "../../trpc";
import { crmProviderProcedure } from "./crm-procedures";

/** Customers (one per real client) with their CRM sync state. */
export const crmCustomersRouter = createTRPCRouter({
  list: crmProviderProcedure.input(listCustomersSchema).query(({ ctx, input }) => listCustomersWithSync(ctx.db, input)),
  get: crmProviderProcedure.input(idSchema).query(async ({ ctx, input }) => {
    const detail = await getCustomerWithSync(ctx.db, input.id);
    return { ...detail, conflicts: await listOpenConflicts(ctx.db, { entityId: input.id }) };
  }),
  create: crmProviderProcedure.input(customerFormSchema).mutation(({ ctx, input }) => createCustomer(ctx.db, input)),
  update: crmProviderProcedure
    .input(z.object({ id: z.string().min(1), data: customerFormSchema }))
    .mutation(({ ctx, input }) => updateCustomer(ctx.db, input.id, input.data)),
  syncNow: crmProviderProcedure.input(idSchema).mutation(({ ctx, input }) => syncCustomerNow(ctx.db, input.id)),
  addNote: crmProviderProcedure.input(customerNoteSchema).mutation(({ ctx, input }) => addCustomerNote(ctx.db, input.customerId, input.text)),
  addTask: crmProviderProcedure.input(customerTaskSchema).mutation(({ ctx, input }) => addCustomerTask(ctx.db, input)),
  /** Client organisations a customer can be linked to (provider staff see every client). */
  organisations: crmProviderProcedure.query(({ ctx }) =>
    ctx.db.organisation.findMany({ where: { kind: "CLIENT" }, select: { id: true, name: true, label: true }, orderBy: { name: "asc" } }),
  ),
});
