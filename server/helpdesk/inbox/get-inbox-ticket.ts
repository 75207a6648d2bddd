import type { SessionUser } from "@/server/auth/session-user";
import type { DbOrTx } from "@/server/db";
import { TicketNotFoundError } from "../errors";
import { PUBLIC_TICKET_SELECT, type PublicTicket } from "../public-thread";
import { inboxScopeWhere } from "./inbox-scope";

/**
 * A ticket as My Tickets shows it: public messages only. Resolved through the
 * widest scope the user has (an admin may open a colleague's ticket); outside
 * it the answer is not-found, never forbidden.
 */
export async function getInboxTicket(db: DbOrTx, user: SessionUser, number: string): Promise<PublicTicket> {
  const ticket = await db.ticket.findFirst({
    where: { AND: [inboxScopeWhere(user, "all"), { number }] },
    select: PUBLIC_TICKET_SELECT,
  });
  if (!ticket) throw new TicketNotFoundError();
  return ticket;
}

/**
 * Marks everything public on the ticket as seen by `user` (opening the
 * thread). Scoped like getInboxTicket; returns false when out of scope.
 */
export async function markInboxTicketSeen(db: DbOrTx, user: SessionUser, number: string, now: Date = new Date()): Promise<boolean> {
  const ticket = await db.ticket.findFirst({
    where: { AND: [inboxScopeWhere(user, "all"), { number }] },
    select: { id: true, lastPublicMessageAt: true, createdAt: true },
  });
  if (!ticket) return false;
  const newest = await db.ticketMessage.findFirst({
    where: { ticketId: ticket.id, visibility: "public" },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const lastSeenMessageAt = newest?.createdAt ?? ticket.createdAt;
  await db.ticketReadState.upsert({
    where: { userId_ticketId: { userId: user.id, ticketId: ticket.id } },
    create: { userId: user.id, ticketId: ticket.id, lastSeenMessageAt, seenAt: now },
    update: { lastSeenMessageAt, seenAt: now },
  });
  return true;
}
