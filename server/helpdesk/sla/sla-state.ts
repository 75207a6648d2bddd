import { DEFAULT_AT_RISK_FRACTION } from "@/lib/helpdesk/sla-config";
import { SLA_TARGETS, type SlaState, type SlaTarget } from "@/lib/helpdesk/sla-states";
import type { BusinessCalendar } from "./business-calendar";
import { businessMinutesBetween } from "./business-time";
import { computeDueDates, type ComputeDueDatesInput, type DueDates, type SlaClock } from "./due-dates";

/** A clock's state; `inactive` for a clock that is not running (see InactiveClock). */
export type SlaClockState = SlaState | "inactive";

export interface SlaStateOptions {
  /** The calendar the clock runs on: "at risk" is measured in business time. */
  calendar: BusinessCalendar;
  /** Share of the target used up after which a running clock is at risk (0–1, default 0.75). */
  atRiskFraction?: number;
}

/**
 * State of one SLA clock at `now`:
 * - running: `breached` once now is past dueAt (due exactly now is not yet
 *   breached), `at_risk` once at least `atRiskFraction` of the target's
 *   business minutes are used, else `ok`;
 * - met: `met` when met by dueAt, else `breached` (a late answer stays a breach);
 * - paused → `paused`; inactive → `inactive`.
 */
export function slaState(due: SlaClock, now: Date, options: SlaStateOptions): SlaClockState {
  const fraction = options.atRiskFraction ?? DEFAULT_AT_RISK_FRACTION;
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`atRiskFraction must be between 0 and 1, got ${fraction}`);
  }
  switch (due.status) {
    case "inactive":
      return "inactive";
    case "paused":
      return "paused";
    case "met":
      return due.onTime ? "met" : "breached";
    case "running": {
      if (now.getTime() > due.dueAt.getTime()) return "breached";
      const remaining = businessMinutesBetween(now, due.dueAt, options.calendar);
      return remaining <= (1 - fraction) * due.targetMinutes ? "at_risk" : "ok";
    }
  }
}

// Worst first: a ticket shows the state of its most urgent clock.
const SEVERITY: readonly SlaState[] = ["breached", "at_risk", "ok", "paused", "met"];

/** A ticket's overall SLA state: its worst clock, ignoring inactive ones (`met` if none remain). */
export function overallSlaState(states: Iterable<SlaClockState>): SlaState {
  let worst = SEVERITY.length - 1;
  for (const s of states) {
    if (s === "inactive") continue;
    worst = Math.min(worst, SEVERITY.indexOf(s));
  }
  return SEVERITY[worst]!;
}

/**
 * Business minutes a running clock is past its deadline at `now`; 0 when it
 * is not overdue or no longer outstanding (met, paused, inactive).
 */
export function overdueMinutes(due: SlaClock, now: Date, calendar: BusinessCalendar): number {
  if (due.status !== "running" || now.getTime() <= due.dueAt.getTime()) return 0;
  return businessMinutesBetween(due.dueAt, now, calendar);
}

/** What escalation rules need to know about one clock. */
export interface SlaTargetSnapshot {
  state: SlaClockState;
  /** The deadline the state refers to (null while paused or inactive). */
  dueAt: Date | null;
  /** Still waiting for the provider (running), as opposed to already met. */
  outstanding: boolean;
  /** See overdueMinutes. */
  overdueMinutes: number;
}

export interface SlaAssessment {
  dueDates: DueDates;
  targets: Record<SlaTarget, SlaTargetSnapshot>;
  overall: SlaState;
}

/**
 * Everything a breach sweep needs for one ticket at `now`: its due dates, each
 * clock's state and overdue time, and the ticket's overall state.
 */
export function assessSla(
  input: ComputeDueDatesInput,
  now: Date,
  options: { atRiskFraction?: number } = {},
): SlaAssessment {
  const dueDates = computeDueDates(input);
  const clocks: Record<SlaTarget, SlaClock> = {
    first_response: dueDates.firstResponseDue,
    next_update: dueDates.nextUpdateDue,
    resolution: dueDates.resolutionDue,
  };
  const stateOptions = { calendar: input.calendar, atRiskFraction: options.atRiskFraction };
  const targets = Object.fromEntries(
    SLA_TARGETS.map((t) => {
      const clock = clocks[t];
      const snapshot: SlaTargetSnapshot = {
        state: slaState(clock, now, stateOptions),
        dueAt: clock.dueAt,
        outstanding: clock.status === "running",
        overdueMinutes: overdueMinutes(clock, now, input.calendar),
      };
      return [t, snapshot];
    }),
  ) as Record<SlaTarget, SlaTargetSnapshot>;
  return { dueDates, targets, overall: overallSlaState(SLA_TARGETS.map((t) => targets[t].state)) };
}
