import type { InboxScope } from "@/lib/validators/helpdesk";
import type { SessionUser } from "@/server/auth/session-user";
import type { DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { effectiveInboxScope } from "./inbox-scope";

/**
 * The badge figure: in-scope tickets whose newest public support message is
 * newer than what this user has seen. Comparing two columns across a join is
 * beyond Prisma's where, so this is one SQL count. It applies the same scope
 * as inboxScopeWhere: the organisation always, plus "filed with my e-mail or
 * by me" unless a client admin asked for all.
 */
export async function countUnreadTickets(db: DbOrTx, user: SessionUser, scope: InboxScope = "mine"): Promise<number> {
  const mine =
    effectiveInboxScope(user, scope) === "mine"
      ? Prisma.sql`AND (t."reporterEmail" = ${user.email.trim().toLowerCase()} OR t."reporterUserId" = ${user.id})`
      : Prisma.empty;
  const rows = await db.$queryRaw<{ unread: number }[]>`
    SELECT count(*)::int AS unread
    FROM "Ticket" t
    LEFT JOIN "TicketReadState" r ON r."ticketId" = t.id AND r."userId" = ${user.id}
    WHERE t."organisationId" = ${user.organisationId}
      ${mine}
      AND t."lastPublicProviderMessageAt" IS NOT NULL
      AND (r."lastSeenMessageAt" IS NULL OR t."lastPublicProviderMessageAt" > r."lastSeenMessageAt")`;
  return rows[0]?.unread ?? 0;
}
