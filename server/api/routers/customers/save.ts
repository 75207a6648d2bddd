import { z } from "zod";
import { customerSchema } from "@/lib/validators/customers";
import { createCustomer, updateCustomer } from "@/server/customers/save-customer";
import { assertMayWriteBillingFields, customerProcedure } from "./customer-procedures";

export const create = customerProcedure.input(customerSchema).mutation(({ ctx, input }) => {
  assertMayWriteBillingFields(ctx.user.role, input);
  return createCustomer(ctx.db, input);
});

/** Writes only the fields sent; the CRM gets a push (and a note for identifying fields) when something it sees changed. */
export const update = customerProcedure
  .input(z.object({ id: z.string().min(1), data: customerSchema }))
  .mutation(({ ctx, input }) => {
    assertMayWriteBillingFields(ctx.user.role, input.data);
    return updateCustomer(ctx.db, input.id, input.data);
  });
