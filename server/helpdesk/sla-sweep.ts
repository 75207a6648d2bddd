import type { SlaSettings } from "@/lib/helpdesk/sla-config";
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import {
  describeBreach,
  describeEscalation,
  evaluateEscalation,
  type EscalationRules,
} from "./escalation-rules";
import { loadSlaSettings } from "./sla-settings";
import { evaluateTicketSla, toSlaPauses, type TicketSlaColumns } from "./ticket-sla";
import { recordTicketEvent, SYSTEM_ACTOR } from "./trail";

export interface SlaSweepResult {
  checked: number;
  /** Tickets whose stored SLA columns changed. */
  updated: number;
  /** Breaches written to trails in this run. */
  breaches: number;
  /** Tickets whose escalation level was raised. */
  escalations: number;
}

export interface SlaSweepOptions {
  now?: Date;
  batchSize?: number;
  settings?: SlaSettings;
  rules?: Partial<EscalationRules>;
  /** Limit the sweep to some tickets (tests, "Check now" on a ticket page). */
  ticketIds?: string[];
}

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

function columnsChanged(stored: TicketSlaColumns, next: TicketSlaColumns): boolean {
  return (
    stored.slaState !== next.slaState ||
    stored.queueRank !== next.queueRank ||
    !same(stored.firstResponseDueAt, next.firstResponseDueAt) ||
    !same(stored.nextUpdateDueAt, next.nextUpdateDueAt) ||
    !same(stored.resolutionDueAt, next.resolutionDueAt) ||
    !same(stored.nearestDueAt, next.nearestDueAt) ||
    !same(stored.queueDueAt, next.queueDueAt)
  );
}

/**
 * The background SLA check. For every ticket being worked on (open or in
 * progress: waiting, resolved and closed tickets have stopped clocks) it
 * re-evaluates the three clocks, stores changed states and deadlines, writes
 * each new breach to the trail once (keyed by target and missed deadline) and
 * raises the escalation level by rule, with a trail entry. Tickets are handled
 * in batches, each ticket in its own short transaction, so one bad row cannot
 * stop the sweep. Safe to run twice: a second run finds nothing new.
 */
export async function runSlaSweep(db: Db, opts: SlaSweepOptions = {}): Promise<SlaSweepResult> {
  const now = opts.now ?? new Date();
  const settings = opts.settings ?? (await loadSlaSettings(db));
  const batchSize = opts.batchSize ?? 500;
  const result: SlaSweepResult = { checked: 0, updated: 0, breaches: 0, escalations: 0 };
  let cursor: string | undefined;

  for (;;) {
    const tickets = await db.ticket.findMany({
      where: {
        status: { in: ["open", "in_progress"] },
        id: { ...(opts.ticketIds ? { in: opts.ticketIds } : {}), ...(cursor ? { gt: cursor } : {}) },
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        organisationId: true,
        priority: true,
        createdAt: true,
        firstRespondedAt: true,
        lastProviderUpdateAt: true,
        resolvedAt: true,
        firstResponseDueAt: true,
        nextUpdateDueAt: true,
        resolutionDueAt: true,
        nearestDueAt: true,
        queueDueAt: true,
        slaState: true,
        queueRank: true,
        slaCheckedAt: true,
        firstResponseMinutes: true,
        resolutionMinutes: true,
        escalationLevel: true,
        reportedBreaches: true,
        pauses: { select: { startedAt: true, endedAt: true, reason: true } },
      },
    });
    if (tickets.length === 0) break;
    cursor = tickets[tickets.length - 1]!.id;

    for (const ticket of tickets) {
      result.checked++;
      try {
        const { assessment, columns } = evaluateTicketSla(ticket, toSlaPauses(ticket.pauses), settings, now);
        const decision = evaluateEscalation({
          currentLevel: ticket.escalationLevel,
          targets: assessment.targets,
          reportedBreaches: ticket.reportedBreaches,
          rules: opts.rules,
        });
        const changed = columnsChanged(ticket as TicketSlaColumns, columns);
        if (!changed && !decision.changed && decision.newlyBreached.length === 0) continue;

        await db.$transaction(async (tx) => {
          await tx.ticket.update({
            where: { id: ticket.id },
            data: {
              ...columns,
              ...(decision.newlyBreached.length
                ? { slaBreached: true, reportedBreaches: { push: decision.newlyBreached.map((b) => b.key) } }
                : {}),
              ...(decision.changed ? { escalationLevel: decision.level, escalatedAt: now } : {}),
            },
          });
          const base = { ticketId: ticket.id, organisationId: ticket.organisationId, actor: SYSTEM_ACTOR, at: now };
          for (const breach of decision.newlyBreached) {
            await recordTicketEvent(tx, {
              ...base,
              kind: "sla_breached",
              summary: describeBreach(breach),
              data: { target: breach.target, dueAt: breach.dueAt.toISOString(), key: breach.key },
            });
          }
          const line = describeEscalation(decision);
          if (line) {
            await recordTicketEvent(tx, {
              ...base,
              kind: "escalated",
              summary: line,
              data: { from: decision.previousLevel, to: decision.level, reasons: decision.reasons.map((r) => r.code) },
            });
          }
        });
        if (changed) result.updated++;
        result.breaches += decision.newlyBreached.length;
        if (decision.changed) result.escalations++;
      } catch (error) {
        logger.error("helpdesk.sla_sweep_ticket_failed", { ticketId: ticket.id, error });
      }
    }
    if (tickets.length < batchSize) break;
  }
  return result;
}
