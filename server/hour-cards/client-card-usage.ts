import type { DbOrTx } from "@/server/db";

/**
 * The tickets of one organisation that drew on its hour cards: per ticket and
 * card, the minutes and the last time logged. The agent's note stays out (it
 * may be internal). `organisationId` must come from the session.
 */
export async function listOrganisationCardUsage(db: DbOrTx, organisationId: string) {
  const rows = await db.ticketTimeEntry.groupBy({
    by: ["ticketId", "cardId"],
    where: { billable: true, cardId: { not: null }, ticket: { organisationId } },
    _sum: { minutes: true },
    _max: { createdAt: true },
  });
  const tickets = await db.ticket.findMany({
    where: { organisationId, id: { in: rows.map((r) => r.ticketId) } },
    select: { id: true, number: true, subject: true },
  });
  const byId = new Map(tickets.map((t) => [t.id, t]));
  return rows
    .flatMap((r) => {
      const ticket = byId.get(r.ticketId);
      return ticket && r.cardId ? [{ ticket, cardId: r.cardId, minutes: r._sum.minutes ?? 0, lastLoggedAt: r._max.createdAt }] : [];
    })
    .sort((a, b) => (b.lastLoggedAt?.getTime() ?? 0) - (a.lastLoggedAt?.getTime() ?? 0));
}
