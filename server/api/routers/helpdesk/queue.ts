import { z } from "zod";
import { bulkUpdateTicketsSchema, ticketViewSchema } from "@/lib/validators/helpdesk";
import { countUnreadCustomerReplies, markTicketSeenByAgent } from "@/server/helpdesk/queue/agent-read-state";
import { unsafeBulkUpdateTickets } from "@/server/helpdesk/queue/bulk-update-tickets";
import { createTicketView, deleteTicketView, listTicketViews } from "@/server/helpdesk/queue/ticket-views";
import { createTRPCRouter } from "../../trpc";
import { actorOf } from "./actor";
import { helpdeskProviderProcedure as procedure } from "./procedures";


/** The agent's queue: saved views, bulk changes, and customer replies they have not read. */
export const helpdeskQueueRouter = createTRPCRouter({
  views: procedure.query(({ ctx }) => listTicketViews(ctx.db, ctx.user.id)),
  createView: procedure.input(ticketViewSchema).mutation(({ ctx, input }) => createTicketView(ctx.db, ctx.user.id, input)),
  deleteView: procedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    await deleteTicketView(ctx.db, ctx.user.id, input.id);
    return { ok: true };
  }),
  /** One change on a selection; answers one result per ticket. */
  bulkUpdate: procedure
    .input(bulkUpdateTicketsSchema)
    .mutation(async ({ ctx, input }) => ({ results: await unsafeBulkUpdateTickets(ctx.db, input, actorOf(ctx.user)) })),
  /** Opening a ticket clears its "customer replied" unread state for this agent. */
  markSeen: procedure.input(z.object({ ticketId: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    await markTicketSeenByAgent(ctx.db, ctx.user.id, input.ticketId);
    return { ok: true };
  }),
  /** The sidebar badge: my tickets with an unread customer reply. */
  unreadCount: procedure.query(async ({ ctx }) => ({ count: await countUnreadCustomerReplies(ctx.db, ctx.user.id) })),
});
