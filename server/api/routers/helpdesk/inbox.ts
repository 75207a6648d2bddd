import { z } from "zod";
import { customerReplySchema, inboxCreateTicketSchema, inboxListQuerySchema, ticketNumberSchema } from "@/lib/validators/helpdesk";
import { countUnreadTickets } from "@/server/helpdesk/inbox/count-unread-tickets";
import { getInboxTicket, markInboxTicketSeen } from "@/server/helpdesk/inbox/get-inbox-ticket";
import { effectiveInboxScope } from "@/server/helpdesk/inbox/inbox-scope";
import { listInboxTickets } from "@/server/helpdesk/inbox/list-inbox-tickets";
import { createInboxTicket, replyFromInbox } from "@/server/helpdesk/inbox/reply-from-inbox";
import { createTRPCRouter } from "../../trpc";
import { helpdeskClientProcedure as procedure } from "./procedures";

const byNumber = z.object({ number: ticketNumberSchema });

/**
 * My Tickets for client staff. Every procedure scopes by the session's
 * organisation (and, for client users, their own e-mail); nothing here takes
 * an organisation id from input.
 */
export const helpdeskInboxRouter = createTRPCRouter({
  list: procedure.input(inboxListQuerySchema).query(({ ctx, input }) => listInboxTickets(ctx.db, ctx.user, input)),
  get: procedure.input(byNumber).query(({ ctx, input }) => getInboxTicket(ctx.db, ctx.user, input.number)),
  /** Opening a thread marks its messages seen (clears the unread dot). */
  markSeen: procedure.input(byNumber).mutation(async ({ ctx, input }) => ({ ok: await markInboxTicketSeen(ctx.db, ctx.user, input.number) })),
  unreadCount: procedure
    .input(z.object({ scope: z.enum(["mine", "all"]).default("mine") }).default({ scope: "mine" }))
    .query(async ({ ctx, input }) => ({ count: await countUnreadTickets(ctx.db, ctx.user, effectiveInboxScope(ctx.user, input.scope)) })),
  reply: procedure.input(customerReplySchema.extend(byNumber.shape)).mutation(async ({ ctx, input }) => {
    const result = await replyFromInbox(ctx.user, input.number, input, ctx.db);
    return { messageId: result.messageId, status: result.statusChangedTo };
  }),
  create: procedure.input(inboxCreateTicketSchema).mutation(async ({ ctx, input }) => {
    const created = await createInboxTicket(ctx.user, input, ctx.db);
    return { number: created.number };
  }),
  /** Who the inbox is for: prefill for the new-ticket form and the Mine/All toggle. */
  me: procedure.query(({ ctx }) => ({
    name: ctx.user.name,
    email: ctx.user.email,
    organisationLabel: ctx.user.organisationLabel,
    organisationName: ctx.user.organisationName,
    canSeeAll: ctx.user.role === "CLIENT_ADMIN",
  })),
});
