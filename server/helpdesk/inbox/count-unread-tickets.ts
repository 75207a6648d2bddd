import type { InboxScope } from "@/lib/validators/helpdesk";
import type { SessionUser } from "@/server/auth/session-user";
import type { DbOrTx } from "@/server/db";
import { inboxScopeWhere } from "./inbox-scope";

/**
 * The badge figure: in-scope tickets whose newest public support message is
 * newer than what this user has seen. Comparing two columns across a join is
 * beyond Prisma's where, so the candidate set (scoped, with a support reply)
 * is read with only the two timestamps, then compared here.
 */
export async function countUnreadTickets(db: DbOrTx, user: SessionUser, scope: InboxScope = "mine"): Promise<number> {
  const tickets = await db.ticket.findMany({
    where: { AND: [inboxScopeWhere(user, scope), { lastPublicProviderMessageAt: { not: null } }] },
    select: {
      lastPublicProviderMessageAt: true,
      readStates: { where: { userId: user.id }, select: { lastSeenMessageAt: true } },
    },
  });
  let unread = 0;
  for (const t of tickets) {
    const seen = t.readStates[0]?.lastSeenMessageAt;
    if (!seen || t.lastPublicProviderMessageAt!.getTime() > seen.getTime()) unread++;
  }
  return unread;
}
