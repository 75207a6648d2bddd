import type { Page } from "@/lib/validators/common";
import type { ListHourCardsInput } from "@/lib/validators/hour-cards";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { balancesOf } from "./list-customer-cards";

const CARD_SELECT = {
  id: true,
  name: true,
  customerId: true,
  purchasedMinutes: true,
  pricePaid: true,
  currency: true,
  purchasedAt: true,
  expiresAt: true,
  status: true,
  closedAt: true,
  closedReason: true,
  lowBalanceNotifiedAt: true,
  createdAt: true,
  customer: { select: { id: true, name: true } },
} satisfies Prisma.HourCardSelect;

export type HourCardRow = Omit<Prisma.HourCardGetPayload<{ select: typeof CARD_SELECT }>, "pricePaid"> & { balanceMinutes: number; pricePaid: string | null };

async function withBalances(db: DbOrTx, cards: Prisma.HourCardGetPayload<{ select: typeof CARD_SELECT }>[]): Promise<HourCardRow[]> {
  const balances = await balancesOf(db, cards.map((c) => c.id));
  return cards.map((c) => ({ ...c, pricePaid: c.pricePaid?.toFixed(2) ?? null, balanceMinutes: balances.get(c.id) ?? 0 }));
}

/**
 * Console list of cards (provider staff see every customer's), newest first,
 * filtered by customer, status and a search over card and customer names.
 */
export async function listHourCards(db: DbOrTx, input: ListHourCardsInput): Promise<Page<HourCardRow>> {
  const search = input.search?.trim();
  const where: Prisma.HourCardWhereInput = {
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(search
      ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { customer: { name: { contains: search, mode: "insensitive" } } }] }
      : {}),
  };
  const [cards, total] = await Promise.all([
    db.hourCard.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (input.page - 1) * input.pageSize, take: input.pageSize, select: CARD_SELECT }),
    db.hourCard.count({ where }),
  ]);
  return { rows: await withBalances(db, cards), total, page: input.page, pageSize: input.pageSize };
}

/** One card for the console, or null. */
export async function getHourCard(db: DbOrTx, cardId: string): Promise<HourCardRow | null> {
  const card = await db.hourCard.findUnique({ where: { id: cardId }, select: CARD_SELECT });
  return card ? ((await withBalances(db, [card]))[0] ?? null) : null;
}

/** Cards of the customers linked to an organisation (the client's own view; the caller passes the session's organisation). */
export async function listOrganisationCards(db: DbOrTx, organisationId: string): Promise<HourCardRow[]> {
  const cards = await db.hourCard.findMany({
    where: { customer: { organisationId } },
    orderBy: [{ status: "asc" }, { expiresAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    select: CARD_SELECT,
  });
  return withBalances(db, cards);
}

/** A card's ledger, newest first, paged, with the actor's name and the ticket a time log came from. */
export async function listCardLedger(db: DbOrTx, cardId: string, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    db.hourCardTransaction.findMany({ where: { cardId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.hourCardTransaction.count({ where: { cardId } }),
  ]);
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => Boolean(id)))];
  const entryIds = rows.filter((r) => r.sourceType === "ticket_time_log" && r.sourceId).map((r) => r.sourceId as string);
  const [actors, entries] = await Promise.all([
    db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } }),
    db.ticketTimeEntry.findMany({ where: { id: { in: entryIds } }, select: { id: true, ticket: { select: { id: true, number: true, subject: true } } } }),
  ]);
  const actorName = new Map(actors.map((a) => [a.id, a.name ?? a.email]));
  const ticketOf = new Map(entries.map((e) => [e.id, e.ticket]));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      minutes: r.minutes,
      reason: r.reason,
      sourceType: r.sourceType,
      createdAt: r.createdAt,
      actorName: r.actorUserId ? (actorName.get(r.actorUserId) ?? "deleted user") : "Switchboard",
      ticket: r.sourceId ? (ticketOf.get(r.sourceId) ?? null) : null,
    })),
    total,
    page,
    pageSize,
  };
}
