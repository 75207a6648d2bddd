/**
 * An agent logs time on a ticket. Billable time consumes the chosen (or the
 * default) active card of the ticket's customer in the same transaction as the
 * entry and its trail line, so an entry never exists without its consumption.
 * The form's request id becomes the entry's id (and the ledger's source key),
 * so a repeated submission answers with the first entry instead of a second.
 */
import crypto from "node:crypto";
import { formatHoursMinutes } from "@/lib/hour-cards/format-minutes";
import type { LogTicketTimeInput } from "@/lib/validators/hour-cards";
import { db as rootDb } from "@/server/db";
import { isUniqueViolation } from "@/server/billing/errors";
import { TicketNotFoundError } from "@/server/helpdesk/errors";
import { recordTicketEvent } from "@/server/helpdesk/trail";
import { getHourCardSettings } from "./hour-card-settings";
import { pickCardForOrganisation } from "./pick-card-for-organisation";
import { HourCardError } from "./hour-card-error";
import { balanceOf, recordCardTransaction } from "./record-card-transaction";

export interface LoggedTime {
  entryId: string;
  cardId: string | null;
  balanceMinutes: number | null;
  lowBalanceEmailId: string | null;
}

export async function logTicketTime(input: LogTicketTimeInput, actor: { id: string; name: string | null }, db = rootDb): Promise<LoggedTime> {
  const entryId = input.requestId ?? crypto.randomUUID();
  try {
    return await logOnce(input, entryId, actor, db);
  } catch (error) {
    // Two submissions of one request raced: the loser answers with the winner's entry.
    const repeated = isUniqueViolation(error) || (error instanceof HourCardError && error.code === "duplicate_source");
    const earlier = repeated && input.requestId ? await loggedEarlier(db, entryId, input.ticketId) : null;
    if (earlier) return earlier;
    throw error;
  }
}

/** The entry a request id already made on this ticket, as logging it answered. */
async function loggedEarlier(db: typeof rootDb, entryId: string, ticketId: string): Promise<LoggedTime | null> {
  const entry = await db.ticketTimeEntry.findUnique({ where: { id: entryId }, select: { ticketId: true, cardId: true } });
  if (!entry || entry.ticketId !== ticketId) return null;
  return { entryId, cardId: entry.cardId, balanceMinutes: entry.cardId ? await balanceOf(db, entry.cardId) : null, lowBalanceEmailId: null };
}

async function logOnce(input: LogTicketTimeInput, entryId: string, actor: { id: string; name: string | null }, db: typeof rootDb): Promise<LoggedTime> {
  if (input.requestId) {
    const earlier = await loggedEarlier(db, entryId, input.ticketId);
    if (earlier) return earlier;
  }
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: input.ticketId }, select: { id: true, organisationId: true } });
    if (!ticket) throw new TicketNotFoundError();
    let charged: { cardId: string; cardName: string; balanceMinutes: number; transactionId: string; lowBalanceEmailId: string | null } | null = null;

    if (input.billable) {
      const settings = await getHourCardSettings(tx);
      const { cardId, customerId } = await pickCardForOrganisation(tx, ticket.organisationId, input.cardId, settings.consumptionRule);
      const result = await recordCardTransaction(tx, {
        cardId,
        customerId,
        kind: "consumption",
        minutes: -input.minutes,
        reason: input.note,
        actorUserId: actor.id,
        sourceType: "ticket_time_log",
        sourceId: entryId,
        sourceKey: `ticket-time:${entryId}`,
      });
      const card = await tx.hourCard.findUniqueOrThrow({ where: { id: cardId }, select: { name: true } });
      charged = { cardId, cardName: card.name, balanceMinutes: result.balanceMinutes, transactionId: result.transactionId, lowBalanceEmailId: result.lowBalanceEmailId ?? null };
    }

    await tx.ticketTimeEntry.create({
      data: {
        id: entryId,
        ticketId: ticket.id,
        authorId: actor.id,
        minutes: input.minutes,
        note: input.note,
        billable: input.billable,
        cardId: charged?.cardId ?? null,
        transactionId: charged?.transactionId ?? null,
      },
    });
    await recordTicketEvent(tx, {
      ticketId: ticket.id,
      organisationId: ticket.organisationId,
      kind: "time_logged",
      summary: charged
        ? `Logged ${formatHoursMinutes(input.minutes)} billable on hour card "${charged.cardName}"`
        : `Logged ${formatHoursMinutes(input.minutes)} (not billable)`,
      actor: { kind: "agent", userId: actor.id, name: actor.name },
      data: { entryId, minutes: input.minutes, billable: input.billable, cardId: charged?.cardId ?? null },
    });
    return {
      entryId,
      cardId: charged?.cardId ?? null,
      balanceMinutes: charged?.balanceMinutes ?? null,
      lowBalanceEmailId: charged?.lowBalanceEmailId ?? null,
    };
  });
}

/** A ticket's time entries, newest first, with who logged them and the card they drew on. */
export async function listTicketTimeEntries(db: typeof rootDb, ticketId: string) {
  const entries = await db.ticketTimeEntry.findMany({
    where: { ticketId },
    orderBy: { createdAt: "desc" },
    select: { id: true, minutes: true, note: true, billable: true, createdAt: true, authorId: true, card: { select: { id: true, name: true } } },
  });
  const authors = await db.user.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.authorId))] } }, select: { id: true, name: true, email: true } });
  const byId = new Map(authors.map((a) => [a.id, a.name ?? a.email]));
  return entries.map(({ authorId, ...e }) => ({ ...e, authorName: byId.get(authorId) ?? "deleted user" }));
}
