import type { Page } from "@/lib/validators/common";
import type { InboxListQuery, InboxScope } from "@/lib/validators/helpdesk";
import type { SessionUser } from "@/server/auth/session-user";
import type { DbOrTx } from "@/server/db";
import type { TicketStatus } from "@/server/generated/prisma/client";
import { ticketSearchWhere } from "../list-tickets";
import { effectiveInboxScope, inboxScopeWhere } from "./inbox-scope";

export interface InboxTicketRow {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  reporterName: string;
  /** Newest public activity, for "last update". */
  lastUpdateAt: Date;
  /** A public reply from support the user has not seen yet. */
  unread: boolean;
  /** The newest public message, shortened to one line (null on a ticket without one). */
  preview: { fromSupport: boolean; authorName: string; text: string } | null;
}

const PREVIEW_CHARS = 140;

/** One page of My Tickets, newest activity first, with an unread flag per row. */
export async function listInboxTickets(
  db: DbOrTx,
  user: SessionUser,
  query: InboxListQuery,
): Promise<Page<InboxTicketRow> & { scope: InboxScope }> {
  const scope = effectiveInboxScope(user, query.scope);
  const where = {
    AND: [
      inboxScopeWhere(user, scope),
      ticketSearchWhere(query.search),
      query.status.length ? { status: { in: query.status } } : {},
    ],
  };
  const [total, tickets] = await Promise.all([
    db.ticket.count({ where }),
    db.ticket.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        number: true,
        subject: true,
        status: true,
        reporterName: true,
        updatedAt: true,
        lastPublicMessageAt: true,
        lastPublicProviderMessageAt: true,
        readStates: { where: { userId: user.id }, select: { lastSeenMessageAt: true } },
        // Public messages only: an internal note must never reach a client's list.
        messages: {
          where: { visibility: "public" },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 1,
          select: { body: true, authorName: true, authorKind: true },
        },
      },
    }),
  ]);
  const rows = tickets.map((t) => ({
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    reporterName: t.reporterName,
    lastUpdateAt: t.lastPublicMessageAt ?? t.updatedAt,
    unread: isUnread(t.lastPublicProviderMessageAt, t.readStates[0]?.lastSeenMessageAt ?? null),
    preview: previewOf(t.messages[0]),
  }));
  return { rows, total, page: query.page, pageSize: query.pageSize, scope };
}

/** Unread: support wrote publicly after the newest message the user has seen. */
export function isUnread(lastProviderMessageAt: Date | null, lastSeenMessageAt: Date | null): boolean {
  if (!lastProviderMessageAt) return false;
  return !lastSeenMessageAt || lastProviderMessageAt.getTime() > lastSeenMessageAt.getTime();
}

function previewOf(message: { body: string; authorName: string; authorKind: string } | undefined): InboxTicketRow["preview"] {
  if (!message) return null;
  const text = message.body.replace(/\s+/g, " ").trim();
  return {
    fromSupport: message.authorKind === "agent" || message.authorKind === "system",
    authorName: message.authorName,
    text: text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : text,
  };
}
