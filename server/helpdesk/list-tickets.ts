import { normalizeTicketNumber } from "@/lib/helpdesk/ticket-number-format";
import type { Page } from "@/lib/validators/common";
import type { TicketListQuery } from "@/lib/validators/helpdesk";
import type { DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { encodeCursor, keysetOrderSql, keysetPredicateSql } from "./queue/ticket-keyset";

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

/**
 * The console list's filters as SQL over `"Ticket" t` (empty lists mean
 * "any"). SQL rather than a Prisma where because the keyset page needs a row
 * comparison, which Prisma cannot express; count and page share this one
 * filter. Every value is a bound parameter; enum lists are validated by the
 * query schema before they get here.
 */
export function consoleTicketFilterSql(query: TicketListQuery, viewer?: ListViewer): Prisma.Sql {
  const and: Prisma.Sql[] = [];
  if (query.search) {
    const number = normalizeTicketNumber(query.search);
    and.push(number ? Prisma.sql`t.number = ${number}` : Prisma.sql`t."searchText" LIKE ${`%${escapeLike(query.search.trim().toLowerCase())}%`}`);
  }
  const inList = (column: string, values: readonly string[], enumType?: string) =>
    Prisma.sql`${Prisma.raw(`t."${column}"`)} IN (${Prisma.join(values.map((v) => (enumType ? Prisma.sql`${v}::${Prisma.raw(`"${enumType}"`)}` : Prisma.sql`${v}`)))})`;
  if (query.status.length) and.push(inList("status", query.status, "TicketStatus"));
  if (query.priority.length) and.push(inList("priority", query.priority, "TicketPriority"));
  if (query.type.length) and.push(inList("type", query.type, "TicketType"));
  if (query.slaState.length) and.push(inList("slaState", query.slaState, "TicketSlaState"));
  if (query.organisationId.length) and.push(inList("organisationId", query.organisationId));
  // "none" picks rows without one.
  const idOrNone = (column: "teamId" | "assigneeId", values: string[]) => {
    const ids = values.filter((v) => v !== "none");
    const or: Prisma.Sql[] = [];
    if (ids.length) or.push(inList(column, ids));
    if (values.includes("none")) or.push(Prisma.raw(`t."${column}" IS NULL`));
    return Prisma.sql`(${Prisma.join(or, " OR ")})`;
  };
  if (query.teamId.length) and.push(idOrNone("teamId", query.teamId));
  if (query.assignee.length) and.push(idOrNone("assigneeId", query.assignee.map((a) => (a === "me" ? (viewer?.userId ?? a) : a))));
  return and.length ? Prisma.join(and, " AND ") : Prisma.sql`TRUE`;
}

/** A LIKE pattern matching `text` literally (PostgreSQL's default escape character is the backslash). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
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
  queueDueAt: true,
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
 * Count and page use the same filter. With an `after` or `before` cursor the
 * page is read by keyset (a row comparison past the cursor, no OFFSET), so a
 * deep page costs what the first one does; `page` alone is an offset.
 */
export async function unsafeListConsoleTickets(db: DbOrTx, query: TicketListQuery, viewer?: ListViewer): Promise<ConsoleTicketPage> {
  const filter = consoleTicketFilterSql(query, viewer);
  const keyset = keysetPredicateSql(query.sort, { after: query.after, before: query.before });
  const backwards = keyset !== null && query.after === undefined;
  const offset = keyset ? 0 : (query.page - 1) * query.pageSize;
  const [counted, page] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Ticket" t WHERE ${filter}`,
    db.$queryRaw<{ id: string }[]>`
      SELECT t.id FROM "Ticket" t WHERE ${filter} ${keyset ? Prisma.sql`AND ${keyset}` : Prisma.empty}
      ORDER BY ${keysetOrderSql(query.sort, backwards)} LIMIT ${query.pageSize} OFFSET ${offset}`,
  ]);
  const total = counted[0]?.total ?? 0;
  const ids = page.map((r) => r.id);
  if (backwards) ids.reverse();
  const byId = new Map((await db.ticket.findMany({ where: { id: { in: ids } }, select: TICKET_LIST_SELECT })).map((r) => [r.id, r]));
  const records = ids.flatMap((id) => byId.get(id) ?? []);
  const seen = viewer ? await lastSeenByTicket(db, viewer.userId, ids) : new Map<string, Date>();
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
    nextCursor: last && !atEnd && query.page * query.pageSize < total ? encodeCursor(query.sort, last) : null,
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
