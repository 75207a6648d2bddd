import type { SlaSettings } from "@/lib/helpdesk/sla-config";
import type { TicketPriority } from "@/lib/helpdesk/ticket-priorities";
import type { DbOrTx } from "@/server/db";
import type { TicketSlaState } from "@/server/generated/prisma/client";
import {
  assessSla,
  dueDateColumns,
  nearestDueAt,
  policyForPriority,
  type SlaAssessment,
  type SlaClock,
  type SlaPause,
} from "./sla";
import { loadSlaSettings } from "./sla-settings";

/** Ticket.queueDueAt without a running deadline (the column's default): sorts after every real deadline. */
export const NO_DEADLINE = new Date("9999-12-31T00:00:00.000Z");

/** The ticket fields the SLA clocks depend on. */
export interface TicketSlaFacts {
  priority: TicketPriority;
  createdAt: Date;
  firstRespondedAt: Date | null;
  lastProviderUpdateAt: Date | null;
  resolvedAt: Date | null;
}

/** SLA columns as stored on Ticket. */
export interface TicketSlaColumns {
  firstResponseDueAt: Date | null;
  nextUpdateDueAt: Date | null;
  resolutionDueAt: Date | null;
  nearestDueAt: Date | null;
  /** nearestDueAt, or the far future without one: the queue's keyset sort key. */
  queueDueAt: Date;
  slaState: TicketSlaState;
  /** 0 while breached, else 1: the agent queue's first sort key. */
  queueRank: number;
  slaCheckedAt: Date;
  /** Business minutes the first-response clock ran before it was met; null until then. */
  firstResponseMinutes: number | null;
  /** Business minutes the resolution clock ran before it was met; null while unresolved. */
  resolutionMinutes: number | null;
}

/** Stored pause rows → the pure SLA module's pauses. */
export function toSlaPauses(rows: readonly { startedAt: Date; endedAt: Date | null; reason: string }[]): SlaPause[] {
  return rows.map((r) => ({ from: r.startedAt, to: r.endedAt, reason: r.reason }));
}

/**
 * The three clocks of a ticket at `now` under the current settings, plus the
 * column values to store. Pure: callers load the facts and pauses.
 */
export function evaluateTicketSla(
  ticket: TicketSlaFacts,
  pauses: readonly SlaPause[],
  settings: SlaSettings,
  now: Date,
): { assessment: SlaAssessment; columns: TicketSlaColumns } {
  const assessment = assessSla(
    {
      createdAt: ticket.createdAt,
      policy: policyForPriority(ticket.priority, settings.policies),
      calendar: settings.calendar,
      pauses,
      firstRespondedAt: ticket.firstRespondedAt,
      lastProviderUpdateAt: ticket.lastProviderUpdateAt,
      resolvedAt: ticket.resolvedAt,
    },
    now,
    { atRiskFraction: settings.atRiskFraction },
  );
  const nearest = nearestDueAt(assessment.dueDates);
  return {
    assessment,
    columns: {
      ...dueDateColumns(assessment.dueDates),
      nearestDueAt: nearest,
      queueDueAt: nearest ?? NO_DEADLINE,
      slaState: assessment.overall,
      queueRank: assessment.overall === "breached" ? 0 : 1,
      slaCheckedAt: now,
      firstResponseMinutes: usedMinutes(assessment.dueDates.firstResponseDue),
      resolutionMinutes: usedMinutes(assessment.dueDates.resolutionDue),
    },
  };
}

function usedMinutes(clock: SlaClock): number | null {
  return clock.status === "met" ? Math.round(clock.usedMinutes) : null;
}

/**
 * Recomputes and stores a ticket's due dates and SLA state (after a create,
 * priority change, pause, resume, reply or resolution). Returns the assessment
 * so callers can compare deadlines for the trail.
 */
export async function refreshTicketSla(
  tx: DbOrTx,
  ticketId: string,
  opts: { settings?: SlaSettings; now?: Date } = {},
): Promise<SlaAssessment> {
  const now = opts.now ?? new Date();
  const settings = opts.settings ?? (await loadSlaSettings(tx));
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: {
      priority: true,
      createdAt: true,
      firstRespondedAt: true,
      lastProviderUpdateAt: true,
      resolvedAt: true,
      pauses: { select: { startedAt: true, endedAt: true, reason: true } },
    },
  });
  const { assessment, columns } = evaluateTicketSla(ticket, toSlaPauses(ticket.pauses), settings, now);
  const breached = Object.values(assessment.targets).some((t) => t.state === "breached");
  // slaBreached records that a deadline was ever missed; it is never cleared.
  await tx.ticket.update({ where: { id: ticketId }, data: { ...columns, ...(breached ? { slaBreached: true } : {}) } });
  return assessment;
}
