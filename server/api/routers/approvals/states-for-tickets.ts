import { ticketApprovalStatesSchema } from "@/lib/validators/approvals";
import { approvalStatesForInboxTickets, unsafeApprovalStatesForTickets } from "@/server/approvals/ticket-approval-status";
import { clientProcedure, providerProcedure } from "../../trpc";

/** Current approval state per ticket for the console list's pills. */
export const statesForTickets = providerProcedure
  .input(ticketApprovalStatesSchema)
  .query(({ ctx, input }) => unsafeApprovalStatesForTickets(ctx.db, input.ticketIds));

/** The same for My Tickets, limited to what the client staff member may see. */
export const inboxStatesForTickets = clientProcedure
  .input(ticketApprovalStatesSchema)
  .query(({ ctx, input }) => approvalStatesForInboxTickets(ctx.db, ctx.user, input.ticketIds));
