import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  adjustHourCardSchema,
  cardLedgerSchema,
  closeHourCardSchema,
  createHourCardSchema,
  hourCardSettingsSchema,
  hoursReportSchema,
  listHourCardsSchema,
  logTicketTimeSchema,
  topUpHourCardSchema,
} from "@/lib/validators/hour-cards";
import { adjustHourCard, closeHourCard, topUpHourCard } from "@/server/hour-cards/change-card";
import { listOrganisationCardUsage } from "@/server/hour-cards/client-card-usage";
import { createHourCard } from "@/server/hour-cards/create-hour-card";
import { HourCardError } from "@/server/hour-cards/hour-card-error";
import { getHourCardSettings, updateHourCardSettings } from "@/server/hour-cards/hour-card-settings";
import { hoursReport } from "@/server/hour-cards/hours-report";
import { getHourCard, listCardLedger, listHourCards, listOrganisationCards } from "@/server/hour-cards/list-hour-cards";
import { listActiveCardsForCustomer } from "@/server/hour-cards/list-customer-cards";
import { listTicketTimeEntries, logTicketTime } from "@/server/hour-cards/log-ticket-time";
import { customersOfOrganisation } from "@/server/hour-cards/pick-card-for-organisation";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { adminProcedure, clientProcedure, createTRPCRouter, providerProcedure } from "../../trpc";

/** Client admins only: their organisation's cards (client users see just their own tickets). */
const clientAdminProcedure = clientProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "CLIENT_ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Only your organisation's admins can see its hour cards." });
  return next();
});

const cardIdSchema = z.object({ cardId: z.string().min(1) });

async function dispatchIfQueued(emailId: string | null | undefined) {
  if (emailId) await dispatchOutboxEmails([emailId]);
}

/**
 * Prepaid hour cards. Provider staff read every card; admins create, top up,
 * adjust, close and set the rules; agents log time on tickets; client admins
 * read their own organisation's cards in My Tickets.
 */
export const hourCardsRouter = createTRPCRouter({
  list: providerProcedure.input(listHourCardsSchema).query(({ ctx, input }) => listHourCards(ctx.db, input)),

  get: providerProcedure.input(cardIdSchema).query(async ({ ctx, input }) => {
    const card = await getHourCard(ctx.db, input.cardId);
    if (!card) throw new HourCardError("card_not_found", "The hour card was not found", "cardId");
    return card;
  }),

  ledger: providerProcedure.input(cardLedgerSchema).query(({ ctx, input }) => listCardLedger(ctx.db, input.cardId, input.page, input.pageSize)),

  /** Active cards a ticket's billable time may draw on (the time form's picker). */
  cardsForTicket: providerProcedure.input(z.object({ ticketId: z.string().min(1) })).query(async ({ ctx, input }) => {
    const ticket = await ctx.db.ticket.findUnique({ where: { id: input.ticketId }, select: { organisationId: true } });
    if (!ticket) return [];
    const customerIds = await customersOfOrganisation(ctx.db, ticket.organisationId);
    return (await Promise.all(customerIds.map((id) => listActiveCardsForCustomer(ctx.db, id)))).flat();
  }),

  create: adminProcedure.input(createHourCardSchema).mutation(({ ctx, input }) => createHourCard(input, ctx.user.id, ctx.db)),

  topUp: adminProcedure.input(topUpHourCardSchema).mutation(async ({ ctx, input }) => {
    const result = await topUpHourCard(input, ctx.user.id, ctx.db);
    return { balanceMinutes: result.balanceMinutes };
  }),

  adjust: adminProcedure.input(adjustHourCardSchema).mutation(async ({ ctx, input }) => {
    const result = await adjustHourCard(input, ctx.user.id, ctx.db);
    await dispatchIfQueued(result.lowBalanceEmailId);
    return { balanceMinutes: result.balanceMinutes };
  }),

  close: adminProcedure.input(closeHourCardSchema).mutation(({ ctx, input }) => closeHourCard(input.cardId, input.reason, ctx.user.id, ctx.db)),

  settings: providerProcedure.query(({ ctx }) => getHourCardSettings(ctx.db)),

  updateSettings: adminProcedure.input(hourCardSettingsSchema).mutation(({ ctx, input }) => updateHourCardSettings(ctx.db, input, ctx.user.id)),

  report: providerProcedure.input(hoursReportSchema).query(({ ctx, input }) => hoursReport(ctx.db, input)),

  /** Agents log time on a ticket; billable time consumes a card. */
  logTime: providerProcedure.input(logTicketTimeSchema).mutation(async ({ ctx, input }) => {
    const result = await logTicketTime(input, { id: ctx.user.id, name: ctx.user.name }, ctx.db);
    await dispatchIfQueued(result.lowBalanceEmailId);
    return result;
  }),

  timeEntries: providerProcedure.input(z.object({ ticketId: z.string().min(1) })).query(({ ctx, input }) => listTicketTimeEntries(ctx.db, input.ticketId)),

  /** My Tickets: the caller's organisation's cards and the tickets that used them. */
  mine: clientAdminProcedure.query(async ({ ctx }) => {
    const [cards, usage] = await Promise.all([listOrganisationCards(ctx.db, ctx.organisationId), listOrganisationCardUsage(ctx.db, ctx.organisationId)]);
    return { cards, usage };
  }),
});
