import { ACTIVE_TICKET_STATUSES } from "@/lib/helpdesk/ticket-statuses";
import { TICKET_PRIORITIES, type TicketPriority } from "@/lib/helpdesk/ticket-priorities";
import { TICKET_STATUSES, type TicketStatus } from "@/lib/helpdesk/ticket-statuses";
import type { DbOrTx } from "@/server/db";

const DAY_MS = 86_400_000;

export interface HelpdeskStats {
  openByPriority: Record<TicketPriority, number>;
  byStatus: Record<TicketStatus, number>;
  openTotal: number;
  breachedOpen: number;
  atRiskOpen: number;
  escalatedOpen: number;
  /** Median business minutes to the first public reply, tickets created in the window. */
  medianFirstResponseMinutes: number | null;
  /** One entry per day of the window (UTC), oldest first. */
  daily: { day: string; created: number; breaches: number }[];
  windowDays: number;
}

/**
 * Figures for the dashboard's helpdesk panel across all client organisations
 * (provider staff only). Counts come from the stored SLA state, which the
 * sweep keeps current.
 */
export async function unsafeGetHelpdeskStats(db: DbOrTx, opts: { now?: Date; windowDays?: number } = {}): Promise<HelpdeskStats> {
  const now = opts.now ?? new Date();
  const windowDays = opts.windowDays ?? 14;
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (windowDays - 1) * DAY_MS);
  const active = { status: { in: [...ACTIVE_TICKET_STATUSES] } };

  const [priorityGroups, statusGroups, breachedOpen, atRiskOpen, escalatedOpen, median, created, breaches] = await Promise.all([
    db.ticket.groupBy({ by: ["priority"], where: active, _count: { _all: true } }),
    db.ticket.groupBy({ by: ["status"], _count: { _all: true } }),
    db.ticket.count({ where: { ...active, slaState: "breached" } }),
    db.ticket.count({ where: { ...active, slaState: "at_risk" } }),
    db.ticket.count({ where: { ...active, escalationLevel: { not: "L1" } } }),
    db.$queryRaw<{ median: number | null }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "firstResponseMinutes")::float8 AS median
      FROM "Ticket" WHERE "firstResponseMinutes" IS NOT NULL AND "createdAt" >= ${since}`,
    db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char(date_trunc('day', "createdAt" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM "Ticket" WHERE "createdAt" >= ${since} GROUP BY 1`,
    db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char(date_trunc('day', "createdAt" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM "TicketEvent" WHERE kind = 'sla_breached' AND "createdAt" >= ${since} GROUP BY 1`,
  ]);

  const openByPriority = Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, 0])) as Record<TicketPriority, number>;
  for (const g of priorityGroups) openByPriority[g.priority] = g._count._all;
  const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  for (const g of statusGroups) byStatus[g.status] = g._count._all;

  const createdByDay = new Map(created.map((r) => [r.day, r.n]));
  const breachesByDay = new Map(breaches.map((r) => [r.day, r.n]));
  const daily = Array.from({ length: windowDays }, (_, i) => {
    const day = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { day, created: createdByDay.get(day) ?? 0, breaches: breachesByDay.get(day) ?? 0 };
  });
  const m = median[0]?.median;

  return {
    openByPriority,
    byStatus,
    openTotal: Object.values(openByPriority).reduce((a, b) => a + b, 0),
    breachedOpen,
    atRiskOpen,
    escalatedOpen,
    medianFirstResponseMinutes: m === null || m === undefined ? null : Math.round(m),
    daily,
    windowDays,
  };
}
