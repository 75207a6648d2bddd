import { normalizeTicketNumber } from "@/lib/helpdesk/ticket-number-format";
import type { Page } from "@/lib/validators/common";
import type { TicketListQuery } from "@/lib/validators/helpdesk";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

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

/** The console list's filters as a Prisma where (empty lists mean "any"). */
export function consoleTicketWhere(query: TicketListQuery): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [ticketSearchWhere(query.search)];
  if (query.status.length) and.push({ status: { in: query.status } });
  if (query.priority.length) and.push({ priority: { in: query.priority } });
  if (query.type.length) and.push({ type: { in: query.type } });
  if (query.teamId.length) {
    // "none" picks tickets without a team.
    const ids = query.teamId.filter((t) => t !== "none");
    const or: Prisma.TicketWhereInput[] = [];
    if (ids.length) or.push({ teamId: { in: ids } });
    if (query.teamId.includes("none")) or.push({ teamId: null });
    and.push({ OR: or });
  }
  if (query.organisationId.length) and.push({ organisationId: { in: query.organisationId } });
  if (query.slaState.length) and.push({ slaState: { in: query.slaState } });
  return { AND: and.filter((w) => Object.keys(w).length > 0) };
}

/** Sort field → ORDER BY; the id breaks ties so paging never repeats or skips a row. */
export function consoleTicketOrderBy(sort: TicketListQuery["sort"]): Prisma.TicketOrderByWithRelationInput[] {
  const dir = sort.dir;
  const primary: Prisma.TicketOrderByWithRelationInput =
    sort.field === "dueAt"
      ? { nearestDueAt: { sort: dir, nulls: "last" } }
      : ({ [sort.field]: dir } as Prisma.TicketOrderByWithRelationInput);
  return [primary, { id: dir }];
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
  nearestDueAt: true,
  firstResponseDueAt: true,
  nextUpdateDueAt: true,
  resolutionDueAt: true,
  escalationLevel: true,
  createdAt: true,
  updatedAt: true,
  organisation: { select: { id: true, label: true } },
  team: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true, email: true } },
} satisfies Prisma.TicketSelect;

export type ConsoleTicketRow = Prisma.TicketGetPayload<{ select: typeof TICKET_LIST_SELECT }>;

/**
 * The console ticket list. Unsafe: no organisation filter, because provider
 * staff work every client organisation's tickets (provider procedures only).
 * Count and page run together; both use the same where.
 */
export async function unsafeListConsoleTickets(db: DbOrTx, query: TicketListQuery): Promise<Page<ConsoleTicketRow>> {
  const where = consoleTicketWhere(query);
  const [total, rows] = await Promise.all([
    db.ticket.count({ where }),
    db.ticket.findMany({
      where,
      orderBy: consoleTicketOrderBy(query.sort),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: TICKET_LIST_SELECT,
    }),
  ]);
  return { rows, total, page: query.page, pageSize: query.pageSize };
}
