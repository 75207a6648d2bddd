import { idSchema } from "@/lib/validators/common";
import { customerNoteSchema, customerTaskSchema } from "@/lib/validators/customers";
import { addCustomerNote, addCustomerTask } from "@/server/customers/add-customer-activity";
import { syncCustomerNow } from "@/server/customers/sync-customer-now";
import { customerProcedure } from "./customer-procedures";

export const syncNow = customerProcedure.input(idSchema).mutation(({ ctx, input }) => syncCustomerNow(ctx.db, input.id));
export const addNote = customerProcedure.input(customerNoteSchema).mutation(({ ctx, input }) => addCustomerNote(ctx.db, input.customerId, input.text));
export const addTask = customerProcedure.input(customerTaskSchema).mutation(({ ctx, input }) => addCustomerTask(ctx.db, input));
