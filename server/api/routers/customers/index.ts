import { createTRPCRouter } from "../../trpc";
import { billing } from "./billing";
import { cardCheckoutUrl } from "./card-checkout-url";
import { addNote, addTask, syncNow } from "./crm-actions";
import { get } from "./get";
import { list } from "./list";
import { customerProcedure } from "./customer-procedures";
import { create, update } from "./save";

/** Customers (one per real client): details, CRM link state and actions, billing state. */
export const customersRouter = createTRPCRouter({
  list,
  get,
  billing,
  create,
  update,
  syncNow,
  addNote,
  addTask,
  cardCheckoutUrl,
  /** Client organisations a customer can be linked to (provider staff see every client). */
  organisations: customerProcedure.query(({ ctx }) =>
    ctx.db.organisation.findMany({ where: { kind: "CLIENT" }, select: { id: true, name: true, label: true }, orderBy: { name: "asc" } }),
  ),
});
