import type { DbOrTx } from "@/server/db";

/**
 * An agent opened a ticket: its customer replies up to now count as read for
 * them (the list's unread dot and the sidebar badge). Same TicketReadState row
 * the client inbox uses, keyed by user, so agents and client staff never share one.
 */
export async function markTicketSeenByAgent(db: DbOrTx, userId: string, ticketId: string, now: Date = new Date()): Promise<void> {
  await db.ticketReadState.upsert({
    where: { userId_ticketId: { userId, ticketId } },
    create: { userId, ticketId, lastSeenMessageAt: now, seenAt: now },
    update: { lastSeenMessageAt: now, seenAt: now },
  });
}

/** The sidebar badge: open tickets assigned to this agent with a customer reply they have not opened. */
export async function countUnreadCustomerReplies(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db.$queryRaw<{ unread: number }[]>`
    SELECT count(*)::int AS unread
    FROM "Ticket" t
    LEFT JOIN "TicketReadState" r ON r."ticketId" = t.id AND r."userId" = ${userId}
    WHERE t."assigneeId" = ${userId}
      AND t.status <> 'closed'
      AND t."lastCustomerReplyAt" IS NOT NULL
      AND (r."lastSeenMessageAt" IS NULL OR t."lastCustomerReplyAt" > r."lastSeenMessageAt")`;
  return rows[0]?.unread ?? 0;
}
