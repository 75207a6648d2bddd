import { z } from "zod";
import { consoleReplySchema, createTicketSchema, ticketListQuerySchema, ticketNumberSchema, updateTicketSchema } from "@/lib/validators/helpdesk";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { dispatchFieldJobWork } from "@/server/field-jobs/dispatch-field-job-work";
import { queueFieldJobDeliveries } from "@/server/field-jobs/job-deliveries";
import { revokeTicketAccessTokens } from "@/server/helpdesk/access-tokens";
import { createTicket } from "@/server/helpdesk/create-ticket";
import { TicketNotFoundError } from "@/server/helpdesk/errors";
import { unsafeGetConsoleTicket } from "@/server/helpdesk/get-ticket";
import { unsafeGetHelpdeskStats } from "@/server/helpdesk/helpdesk-stats";
import { unsafeListConsoleTickets } from "@/server/helpdesk/list-tickets";
import { addTicketFollower } from "@/server/helpdesk/notify";
import { addTicketMessage } from "@/server/helpdesk/post-message";
import { runSlaSweep } from "@/server/helpdesk/sla-sweep";
import { listAssignableStaff, listTeams } from "@/server/helpdesk/teams";
import { recordTicketEvent } from "@/server/helpdesk/trail";
import { unsafeUpdateTicket } from "@/server/helpdesk/update-ticket";
import { createTRPCRouter } from "../../trpc";
import { actorOf } from "./actor";
import { helpdeskProviderProcedure as procedure } from "./procedures";


/** Tickets in the console: provider admins and agents, every client organisation. */
export const helpdeskTicketsRouter = createTRPCRouter({
  list: procedure.input(ticketListQuerySchema).query(({ ctx, input }) => unsafeListConsoleTickets(ctx.db, input, { userId: ctx.user.id })),

  get: procedure.input(z.object({ number: ticketNumberSchema })).query(({ ctx, input }) => unsafeGetConsoleTicket(ctx.db, input.number)),

  /** Filter and form choices: client organisations, teams, assignable staff. */
  options: procedure.query(async ({ ctx }) => {
    const [organisations, teams, staff] = await Promise.all([
      ctx.db.organisation.findMany({ where: { kind: "CLIENT" }, orderBy: { label: "asc" }, select: { id: true, label: true, name: true } }),
      listTeams(ctx.db),
      listAssignableStaff(ctx.db),
    ]);
    return { organisations, teams, staff };
  }),

  create: procedure.input(createTicketSchema).mutation(async ({ ctx, input }) => {
    const created = await createTicket(
      { ...input, channel: "console", author: { ...actorOf(ctx.user), email: ctx.user.email } },
      ctx.db,
    );
    return { id: created.id, number: created.number };
  }),

  update: procedure.input(updateTicketSchema).mutation(async ({ ctx, input }) => {
    const changed = await ctx.db.$transaction((tx) => unsafeUpdateTicket(tx, input, actorOf(ctx.user)), { timeout: 20_000 });
    return { changed };
  }),

  /** A public reply or an internal note, optionally moving the status in the same step. */
  reply: procedure.input(consoleReplySchema).mutation(async ({ ctx, input }) => {
    const result = await ctx.db.$transaction(async (tx) => {
      const ticket = await tx.ticket.findUnique({ where: { id: input.ticketId }, select: { organisationId: true } });
      if (!ticket) throw new TicketNotFoundError();
      const added = await addTicketMessage(tx, {
        ticketId: input.ticketId,
        organisationId: ticket.organisationId,
        author: { ...actorOf(ctx.user), email: ctx.user.email },
        body: input.body,
        visibility: input.visibility,
        forFieldTeam: input.forFieldTeam,
        attachments: input.attachments,
      });
      if (input.status) await unsafeUpdateTicket(tx, { id: input.ticketId, data: { status: input.status } }, actorOf(ctx.user));
      return { ...added, fieldJobIds: await queueFieldJobDeliveries(tx, added.messageId) };
    }, { timeout: 30_000 });
    await dispatchOutboxEmails(result.emailIds);
    await dispatchFieldJobWork(result.fieldJobIds);
    return { messageId: result.messageId, emailsQueued: result.emailIds.length };
  }),

  addFollower: procedure
    .input(z.object({ ticketId: z.string().min(1), email: z.email({ error: "Enter a valid e-mail address" }).trim().toLowerCase(), name: z.string().trim().max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.$transaction(async (tx) => {
        const ticket = await tx.ticket.findUnique({ where: { id: input.ticketId }, select: { id: true, organisationId: true } });
        if (!ticket) throw new TicketNotFoundError();
        await addTicketFollower(tx, { ticketId: ticket.id, email: input.email, name: input.name || null });
        await recordTicketEvent(tx, {
          ticketId: ticket.id,
          organisationId: ticket.organisationId,
          kind: "follower_added",
          summary: `Follower added: ${input.email}`,
          actor: actorOf(ctx.user),
        });
      });
      return { ok: true };
    }),

  /** Revokes one follow-up link, every link of one recipient, or every link of the ticket. */
  revokeLinks: procedure
    .input(
      z.object({
        ticketId: z.string().min(1),
        tokenId: z.string().min(1).optional(),
        recipientEmail: z.email({ error: "Enter a valid e-mail address" }).trim().toLowerCase().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      return ctx.db.$transaction(async (tx) => {
        const ticket = await tx.ticket.findUnique({ where: { id: input.ticketId }, select: { id: true, organisationId: true } });
        if (!ticket) throw new TicketNotFoundError();
        const revoked = await revokeTicketAccessTokens(tx, { ticketId: ticket.id, tokenId: input.tokenId, recipientEmail: input.recipientEmail });
        if (revoked > 0) {
          await recordTicketEvent(tx, {
            ticketId: ticket.id,
            organisationId: ticket.organisationId,
            kind: "link_revoked",
            summary: `${revoked} follow-up link${revoked === 1 ? "" : "s"} revoked`,
            actor: actorOf(ctx.user),
          });
        }
        return { revoked };
      });
    }),

  /** "Check SLA now" on a ticket page: the background sweep for one ticket. */
  checkSla: procedure.input(z.object({ ticketId: z.string().min(1) })).mutation(({ ctx, input }) =>
    runSlaSweep(ctx.db, { ticketIds: [input.ticketId] }),
  ),

  stats: procedure.query(({ ctx }) => unsafeGetHelpdeskStats(ctx.db)),
});
