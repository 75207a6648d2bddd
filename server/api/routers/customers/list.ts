import { listCustomersSchema } from "@/lib/validators/customers";
import { listCustomers } from "@/server/customers/list-customers";
import { customerProcedure, mayUseBilling } from "./customer-procedures";

/** A page of customers, searched by name, e-mail, phone or tax id (the Customers list and customer pickers). */
export const list = customerProcedure
  .input(listCustomersSchema)
  .query(({ ctx, input }) => listCustomers(ctx.db, { ...input, includeBilling: mayUseBilling(ctx.user.role) }));
