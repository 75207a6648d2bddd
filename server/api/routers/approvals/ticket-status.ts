import { z } from "zod";
import { unsafeGetTicketApprovalStatus } from "@/server/approvals/ticket-approval-status";
import { providerProcedure } from "../../trpc";

/** The ticket page's approval panel: current request, history, owner contact. */
export const ticketStatus = providerProcedure
  .input(z.object({ ticketId: z.string().min(1) }))
  .query(({ ctx, input }) => unsafeGetTicketApprovalStatus(ctx.db, input.ticketId));
