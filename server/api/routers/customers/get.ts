import { idSchema } from "@/lib/validators/common";
import { getCustomerWithSync } from "@/server/customers/list-customers";
import { listOpenConflicts } from "@/server/crm/dashboard/sync-dashboard";
import { customerProcedure } from "./customer-procedures";

/** One customer with its CRM link state, recent sync work and open conflicts. */
export const get = customerProcedure.input(idSchema).query(async ({ ctx, input }) => {
  const detail = await getCustomerWithSync(ctx.db, input.id);
  return { ...detail, conflicts: await listOpenConflicts(ctx.db, { entityId: input.id }) };
});
