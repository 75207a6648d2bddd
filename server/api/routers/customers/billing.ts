import { idSchema } from "@/lib/validators/common";
import { getCustomerBilling } from "@/server/customers/list-customers";
import { customerBillingProcedure } from "./customer-procedures";

/** The customer's card, app accounts and subscriptions. */
export const billing = customerBillingProcedure.input(idSchema).query(({ ctx, input }) => getCustomerBilling(ctx.db, input.id));
