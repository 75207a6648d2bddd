/**
 * The Approvals reporting page: counts by organisation × state, turnaround
 * (decided − sent) average and median, engagements over time, and the
 * filtered list with its "pending > 7 days" view. Provider staff only, across
 * organisations (hence `unsafe…`); filters narrow by organisation, state and
 * sent date (`to` includes that whole day, UTC).
 */
import type { ApprovalReportFilter, ApprovalStateValue, ListApprovalEngagementsInput } from "@/lib/validators/approvals";
import type { Page } from "@/lib/validators/common";
import type { DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { DEFAULT_STUCK_DAYS, isStuck, stuckCutoff, turnaroundHours, turnaroundStats } from "./turnaround";

const DAY_MS = 86_400_000;
/** Longest range drawn in days; longer ones are drawn in weeks. */
const MAX_DAILY_RANGE_DAYS = 45;

export type StateCounts = Record<ApprovalStateValue, number> & { total: number };

export interface ApprovalReportRow extends StateCounts {
  organisationId: string;
  label: string;
  name: string;
  averageHours: number | null;
  medianHours: number | null;
}

export interface ApprovalReport {
  rows: ApprovalReportRow[];
  totals: StateCounts & { averageHours: number | null; medianHours: number | null; decided: number; stuck: number };
  timeline: { bucket: "day" | "week"; labels: string[]; points: Array<Record<string, string | number>> };
}

const emptyCounts = (): StateCounts => ({ pending: 0, approved: 0, rejected: 0, superseded: 0, total: 0 });

function sentAtRange(filter: { from?: Date; to?: Date }): Prisma.DateTimeFilter | undefined {
  if (!filter.from && !filter.to) return undefined;
  return {
    ...(filter.from ? { gte: filter.from } : {}),
    ...(filter.to ? { lt: new Date(filter.to.getTime() + DAY_MS) } : {}),
  };
}

function reportWhere(filter: ApprovalReportFilter): Prisma.ApprovalEngagementWhereInput {
  const sentAt = sentAtRange(filter);
  return { ...(filter.organisationId ? { organisationId: filter.organisationId } : {}), ...(sentAt ? { sentAt } : {}) };
}

/** Pending current requests sent more than 7 days before `now`, within the filter. */
function stuckWhere(filter: { organisationId?: string; from?: Date; to?: Date }, now: Date): Prisma.ApprovalEngagementWhereInput {
  const range = sentAtRange(filter);
  return {
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
    state: "pending",
    supersededAt: null,
    sentAt: { ...(range?.gte ? { gte: range.gte } : {}), lt: minDate(range?.lt as Date | undefined, stuckCutoff(now)) },
  };
}

/** Everything above the list on the reporting page. */
export async function unsafeApprovalReport(db: DbOrTx, filter: ApprovalReportFilter, now: Date = new Date()): Promise<ApprovalReport> {
  const where = reportWhere(filter);
  const [groups, decided, stuck] = await Promise.all([
    db.approvalEngagement.groupBy({ by: ["organisationId", "state"], where, _count: { _all: true } }),
    db.approvalEngagement.findMany({
      where: { ...where, decidedAt: { not: null } },
      select: { organisationId: true, sentAt: true, decidedAt: true },
    }),
    db.approvalEngagement.count({ where: stuckWhere(filter, now) }),
  ]);

  const orgIds = [...new Set(groups.map((g) => g.organisationId))];
  const orgs = await db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, label: true, name: true } });
  const orgById = new Map(orgs.map((o) => [o.id, o]));

  const counts = new Map<string, StateCounts>();
  const totals = emptyCounts();
  for (const g of groups) {
    const row = counts.get(g.organisationId) ?? emptyCounts();
    row[g.state] += g._count._all;
    row.total += g._count._all;
    totals[g.state] += g._count._all;
    totals.total += g._count._all;
    counts.set(g.organisationId, row);
  }
  const rows: ApprovalReportRow[] = [...counts.entries()]
    .map(([organisationId, c]) => {
      const org = orgById.get(organisationId);
      const stats = turnaroundStats(decided.filter((d) => d.organisationId === organisationId));
      return { organisationId, label: org?.label ?? "?", name: org?.name ?? "Unknown", ...c, averageHours: stats.averageHours, medianHours: stats.medianHours };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
  const overall = turnaroundStats(decided);

  return {
    rows,
    totals: { ...totals, averageHours: overall.averageHours, medianHours: overall.medianHours, decided: overall.count, stuck },
    timeline: await timeline(db, filter, rows, now),
  };
}

/** Engagements sent per day (or week, for long ranges), one series per organisation. */
async function timeline(db: DbOrTx, filter: ApprovalReportFilter, rows: ApprovalReportRow[], now: Date): Promise<ApprovalReport["timeline"]> {
  const bounds = await db.approvalEngagement.aggregate({ where: reportWhere(filter), _min: { sentAt: true }, _max: { sentAt: true } });
  const start = filter.from ?? bounds._min.sentAt;
  const end = filter.to ?? bounds._max.sentAt ?? now;
  if (!start) return { bucket: "day", labels: [], points: [] };
  const bucket = end.getTime() - start.getTime() > MAX_DAILY_RANGE_DAYS * DAY_MS ? "week" : "day";

  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.organisationId) conditions.push(Prisma.sql`"organisationId" = ${filter.organisationId}`);
  if (filter.from) conditions.push(Prisma.sql`"sentAt" >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`"sentAt" < ${new Date(filter.to.getTime() + DAY_MS)}`);
  const unit = bucket === "week" ? Prisma.sql`'week'` : Prisma.sql`'day'`;
  const counted = await db.$queryRaw<Array<{ period: string; organisationId: string; n: number }>>`
    SELECT to_char(date_trunc(${unit}, "sentAt"), 'YYYY-MM-DD') AS "period", "organisationId", count(*)::int AS "n"
    FROM "ApprovalEngagement"
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY 1, 2
    ORDER BY 1`;

  const labelOf = new Map(rows.map((r) => [r.organisationId, r.label]));
  const labels = rows.map((r) => r.label);
  const byPeriod = new Map<string, Record<string, string | number>>();
  for (const period of periods(start, end, bucket)) byPeriod.set(period, Object.fromEntries([["period", period], ...labels.map((l) => [l, 0])]));
  for (const c of counted) {
    const point = byPeriod.get(c.period) ?? Object.fromEntries([["period", c.period], ...labels.map((l) => [l, 0])]);
    const label = labelOf.get(c.organisationId) ?? "?";
    point[label] = Number(point[label] ?? 0) + c.n;
    byPeriod.set(c.period, point);
  }
  const points = [...byPeriod.values()].sort((a, b) => String(a.period).localeCompare(String(b.period)));
  return { bucket, labels, points };
}

/** Every period start from `start` to `end` (UTC), so quiet days show as zero; at most 400. */
function periods(start: Date, end: Date, bucket: "day" | "week"): string[] {
  const first = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  if (bucket === "week") first.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7)); // ISO weeks start on Monday
  const step = bucket === "week" ? 7 : 1;
  const out: string[] = [];
  for (const d = first; d.getTime() <= end.getTime() && out.length < 400; d.setUTCDate(d.getUTCDate() + step)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

export interface ApprovalListRow {
  id: string;
  ticketId: string;
  ticketNumber: string;
  subject: string;
  organisationLabel: string;
  ownerName: string;
  ownerEmail: string;
  state: ApprovalStateValue;
  /** This is the ticket's current request (not replaced by a newer one). */
  current: boolean;
  sentAt: Date;
  remindedAt: Date | null;
  decidedAt: Date | null;
  turnaroundHours: number | null;
  requestedByName: string;
  /** Pending and sent more than 7 days ago. */
  stuck: boolean;
}

/** The filtered, paged list of engagements, newest first. */
export async function unsafeListApprovalEngagements(
  db: DbOrTx,
  input: ListApprovalEngagementsInput,
  now: Date = new Date(),
): Promise<Page<ApprovalListRow>> {
  const sentAt = sentAtRange(input);
  const where: Prisma.ApprovalEngagementWhereInput = input.stuck
    ? { ...stuckWhere(input, now), ...(input.state && input.state !== "pending" ? { id: { in: [] } } : {}) }
    : {
        ...(input.organisationId ? { organisationId: input.organisationId } : {}),
        ...(input.state ? { state: input.state } : {}),
        ...(sentAt ? { sentAt } : {}),
      };
  const [total, rows] = await Promise.all([
    db.approvalEngagement.count({ where }),
    db.approvalEngagement.findMany({
      where,
      orderBy: [{ sentAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        ticketId: true,
        state: true,
        ownerName: true,
        ownerEmail: true,
        sentAt: true,
        remindedAt: true,
        decidedAt: true,
        supersededAt: true,
        requestedByName: true,
        ticket: { select: { number: true, subject: true } },
        organisation: { select: { label: true } },
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      ticketId: r.ticketId,
      ticketNumber: r.ticket.number,
      subject: r.ticket.subject,
      organisationLabel: r.organisation.label,
      ownerName: r.ownerName,
      ownerEmail: r.ownerEmail,
      state: r.state,
      current: r.supersededAt === null,
      sentAt: r.sentAt,
      remindedAt: r.remindedAt,
      decidedAt: r.decidedAt,
      turnaroundHours: turnaroundHours(r.sentAt, r.decidedAt),
      requestedByName: r.requestedByName,
      stuck: r.state === "pending" && r.supersededAt === null && isStuck(r.sentAt, now, DEFAULT_STUCK_DAYS),
    })),
  };
}

function minDate(a: Date | undefined, b: Date): Date {
  return a && a.getTime() < b.getTime() ? a : b;
}
