import { normalizeTicketNumber } from "@/lib/helpdesk/ticket-number-format";
import type { Page } from "@/lib/validators/common";
import type { TicketListQuery } from "@/lib/validators/helpdesk";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { encodeCursor, keysetOrderBy, keysetWhere, sortKeysOf } from "./queue/ticket-keyset";

/**
 * Search: an exact ticket number goes straight to its unique index; anything
 * else is a case-insensitive substring of number, subject, reporter, service
 * address or description, matched as one LIKE on the lower-cased, trigram-
 * indexed searchText column (see search-text.ts).
 */
export function ticketSearchWhere(search: string | undefined): Prisma.TicketWhereInput {
  if (!search) return {};
  const number = normalizeTicketNumber(search);
  if (number) return { number };
  return { searchText: { contains: search.trim().toLowerCase() } };
}

/** Who is asking: "me" in the assignee filter and the per-agent unread state refer to them. */
export interface ListViewer {
  userId: string;
}

/** The console list's filters as a Prisma where (empty lists mean "any"). */
export function consoleTicketWhere(query: TicketListQuery, viewer?: ListViewer): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [ticketSearchWhere(query.search)];
  if (query.status.length) and.push({ status: { in: query.status } });
  if (query.priority.length) and.push({ priority: { in: query.priority } });
  if (query.type.length) and.push({ type: { in: query.type } });
  if (query.teamId.length) and.push(idOrNone("teamId", query.teamId));
  if (query.assignee.length) {
    const ids = query.assignee.map((a) => (a === "me" ? (viewer?.userId ?? a) : a));
    and.push(idOrNone("assigneeId", ids));
  }
  if (query.organisationId.length) and.push({ organisationId: { in: query.organisationId } });
  if (query.slaState.length) and.push({ slaState: { in: query.slaState } });
  return { AND: and.filter((w) => Object.keys(w).length > 0) };
}

/** `column IN ids`, where the value "none" picks rows without one. */
function idOrNone(column: "teamId" | "assigneeId", values: string[]): Prisma.TicketWhereInput {
  const ids = values.filter((t) => t !== "none");
  const or: Prisma.TicketWhereInput[] = [];
  if (ids.length) or.push({ [column]: { in: ids } });
  if (values.includes("none")) or.push({ [column]: null });
  return { OR: or };
}

export const TICKET_LIST_SELECT = {
  id: true,
  number: true,
  subject: true,
  status: true,
  priority: true,
  type: true,
  reporterName: true,
  reporterEmail: true,
  slaState: true,
  queueRank: true,
  nearestDueAt: true,
  firstResponseDueAt: true,
  nextUpdateDueAt: true,
  resolutionDueAt: true,
  escalationLevel: true,
  lastCustomerReplyAt: true,
  lastPublicProviderMessageAt: true,
  createdAt: true,
  updatedAt: true,
  organisation: { select: { id: true, label: true } },
  team: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true, email: true } },
} satisfies Prisma.TicketSelect;

type TicketListRecord = Prisma.TicketGetPayload<{ select: typeof TICKET_LIST_SELECT }>;

/** A list row plus what it means for the agent looking at it. */
export type ConsoleTicketRow = TicketListRecord & {
  /** The customer wrote last: the ticket waits on us. */
  customerReplied: boolean;
  /** A customer reply this agent has not opened yet. */
  unread: boolean;
};

export type ConsoleTicketPage = Page<ConsoleTicketRow> & {
  /** Keyset cursors for the next and previous page (null at either end, or for sorts paged by offset). */
  nextCursor: string | null;
  prevCursor: string | null;
};

/** "Customer replied": the customer's newest public message is newer than our newest public reply. */
export function customerRepliedLast(t: { lastCustomerReplyAt: Date | null; lastPublicProviderMessageAt: Date | null }): boolean {
  if (!t.lastCustomerReplyAt) return false;
  return !t.lastPublicProviderMessageAt || t.lastCustomerReplyAt > t.lastPublicProviderMessageAt;
}

/**
 * The console ticket list. Unsafe: no organisation filter, because provider
 * staff work every client organisation's tickets (provider procedures only).
 * Count and page run together; both use the same where. With an `after` or
 * `before` cursor the page is read by keyset (WHERE past the cursor, no
 * OFFSET), so a deep page costs what the first one does.
 */
export async function unsafeListConsoleTickets(db: DbOrTx, query: TicketListQuery, viewer?: ListViewer): Promise<ConsoleTicketPage> {
  const where = consoleTicketWhere(query, viewer);
  const keyset = sortKeysOf(query.sort) ? keysetWhere(query.sort, { after: query.after, before: query.before }) : null;
  const backwards = keyset !== null && query.after === undefined;
  const [total, records] = await Promise.all([
    db.ticket.count({ where }),
    db.ticket.findMany({
      where: keyset ? { AND: [where, keyset] } : where,
      orderBy: keysetOrderBy(query.sort, backwards),
      ...(keyset ? {} : { skip: (query.page - 1) * query.pageSize }),
      take: query.pageSize,
      select: TICKET_LIST_SELECT,
    }),
  ]);
  if (backwards) records.reverse();
  const seen = viewer ? await lastSeenByTicket(db, viewer.userId, records.map((r) => r.id)) : new Map<string, Date>();
  const rows = records.map((r) => {
    const lastSeen = seen.get(r.id);
    return {
      ...r,
      customerReplied: customerRepliedLast(r),
      unread: r.lastCustomerReplyAt !== null && (!lastSeen || r.lastCustomerReplyAt > lastSeen),
    };
  });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const atStart = backwards ? rows.length < query.pageSize : query.page <= 1 && !query.after;
  const atEnd = !backwards && rows.length < query.pageSize;
  return {
    rows,
    total,
    page: query.page,
    pageSize: query.pageSize,
    nextCursor: last && !atEnd && (query.page * query.pageSize < total) ? encodeCursor(query.sort, last) : null,
    prevCursor: first && !atStart ? encodeCursor(query.sort, first) : null,
  };
}

async function lastSeenByTicket(db: DbOrTx, userId: string, ticketIds: string[]): Promise<Map<string, Date>> {
  if (ticketIds.length === 0) return new Map();
  const states = await db.ticketReadState.findMany({
    where: { userId, ticketId: { in: ticketIds } },
    select: { ticketId: true, lastSeenMessageAt: true },
  });
  return new Map(states.map((s) => [s.ticketId, s.lastSeenMessageAt]));
}
