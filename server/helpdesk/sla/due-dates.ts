import type { SlaPolicies, SlaPolicy } from "@/lib/helpdesk/sla-config";
import type { SlaTarget } from "@/lib/helpdesk/sla-states";
import type { TicketPriority } from "@/lib/helpdesk/ticket-priorities";
import type { BusinessCalendar } from "./business-calendar";
import { clockMsBetween, consumeClockMinutes } from "./business-time";
import { clipPausesAt, normalizePauses, type NormalizedPause, type SlaPause } from "./pauses";

interface ClockBase {
  target: SlaTarget;
  /** When this clock started: creation, or the last provider update for next_update. */
  startedAt: Date;
  /** The policy's budget in business minutes. */
  targetMinutes: number;
}

/** Counting down towards `dueAt` (which may already be past: then it is breached). */
export interface RunningClock extends ClockBase {
  status: "running";
  dueAt: Date;
}

/** Stopped by a pause that is still open; no due date until the clock resumes. */
export interface PausedClock extends ClockBase {
  status: "paused";
  dueAt: null;
  /** The open pause's reason, e.g. waiting_on_customer. */
  reason: string;
  pausedSince: Date;
  /** Business minutes left when the clock resumes. */
  remainingMinutes: number;
}

/** The target was reached at `metAt`; `onTime` says whether by `dueAt`. */
export interface MetClock extends ClockBase {
  status: "met";
  dueAt: Date;
  metAt: Date;
  onTime: boolean;
  /** Business minutes the clock ran before it was met (pauses excluded): the recorded response/resolution time. */
  usedMinutes: number;
}

/** Not running at all: next_update before the first response, or after resolution. */
export interface InactiveClock {
  target: SlaTarget;
  status: "inactive";
  dueAt: null;
  reason: "awaiting_first_response" | "resolved";
}

export type SlaClock = RunningClock | PausedClock | MetClock | InactiveClock;

export interface DueDates {
  firstResponseDue: SlaClock;
  nextUpdateDue: SlaClock;
  resolutionDue: SlaClock;
}

export interface ComputeDueDatesInput {
  createdAt: Date;
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  /** Every pause of the ticket so far, at most one still open (`to: null`). */
  pauses?: readonly SlaPause[];
  firstRespondedAt?: Date | null;
  /** Latest public provider message; the next-update clock restarts from it. */
  lastProviderUpdateAt?: Date | null;
  /** Set while the ticket is resolved or closed; stops resolution and next-update clocks. */
  resolvedAt?: Date | null;
}

/**
 * The three SLA deadlines of a ticket, each as a clock with its state. Paused
 * business time pushes a deadline out by exactly that much; while a pause is
 * still open a clock whose budget is not used up reports `paused` with the
 * minutes it has left, since its deadline depends on when the customer replies.
 * Met clocks keep the deadline they were measured against, for reporting.
 */
export function computeDueDates(input: ComputeDueDatesInput): DueDates {
  const pauses = normalizePauses(input.pauses);
  const { policy, calendar, createdAt } = input;
  const resolvedAt = input.resolvedAt ?? null;

  const firstResponseDue = runClock("first_response", createdAt, policy.firstResponseMinutes, input.firstRespondedAt ?? null, calendar, pauses);
  const resolutionDue = runClock("resolution", createdAt, policy.resolutionMinutes, resolvedAt, calendar, pauses);

  let nextUpdateDue: SlaClock;
  const anchor = latest(input.firstRespondedAt ?? null, input.lastProviderUpdateAt ?? null);
  if (resolvedAt) {
    nextUpdateDue = { target: "next_update", status: "inactive", dueAt: null, reason: "resolved" };
  } else if (!anchor) {
    nextUpdateDue = { target: "next_update", status: "inactive", dueAt: null, reason: "awaiting_first_response" };
  } else {
    nextUpdateDue = runClock("next_update", anchor, policy.nextUpdateMinutes, null, calendar, pauses);
  }

  return { firstResponseDue, nextUpdateDue, resolutionDue };
}

/**
 * Due dates after a priority change: measured from the original creation time
 * under the new priority's policy, never from the moment of the change (so
 * raising a ticket to urgent after a day shows it breached, not fresh).
 */
export function recomputeDueDatesForPriority(
  input: Omit<ComputeDueDatesInput, "policy">,
  priority: TicketPriority,
  policies: Readonly<SlaPolicies>,
): DueDates {
  return computeDueDates({ ...input, policy: policies[priority] });
}

/** Due dates as nullable columns for storage; paused and inactive clocks store null. */
export function dueDateColumns(due: DueDates): {
  firstResponseDueAt: Date | null;
  nextUpdateDueAt: Date | null;
  resolutionDueAt: Date | null;
} {
  const running = (c: SlaClock) => (c.status === "running" ? c.dueAt : null);
  return {
    firstResponseDueAt: running(due.firstResponseDue),
    nextUpdateDueAt: running(due.nextUpdateDue),
    resolutionDueAt: running(due.resolutionDue),
  };
}

/** The earliest deadline still running, for "sort by due" and list countdowns. */
export function nearestDueAt(due: DueDates): Date | null {
  const times = Object.values(dueDateColumns(due)).filter((d): d is Date => d !== null);
  if (times.length === 0) return null;
  return new Date(Math.min(...times.map((d) => d.getTime())));
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

function runClock(
  target: SlaTarget,
  startedAt: Date,
  targetMinutes: number,
  metAt: Date | null,
  calendar: BusinessCalendar,
  pauses: readonly NormalizedPause[],
): RunningClock | PausedClock | MetClock {
  const start = startedAt.getTime();
  if (metAt) {
    // Pauses after the target was met cannot move its deadline; an open pause
    // at that moment ended when it was met.
    const relevant = clipPausesAt(pauses, metAt.getTime());
    const result = consumeClockMinutes(start, targetMinutes, calendar, relevant);
    if (result.kind !== "due") throw new Error("unreachable: clipped pauses are all closed");
    return {
      target,
      status: "met",
      startedAt,
      targetMinutes,
      dueAt: new Date(result.dueAt),
      metAt,
      onTime: metAt.getTime() <= result.dueAt,
      usedMinutes: Math.max(0, clockMsBetween(start, metAt.getTime(), calendar, relevant)) / 60_000,
    };
  }
  const result = consumeClockMinutes(start, targetMinutes, calendar, pauses);
  if (result.kind === "due") {
    return { target, status: "running", startedAt, targetMinutes, dueAt: new Date(result.dueAt) };
  }
  return {
    target,
    status: "paused",
    startedAt,
    targetMinutes,
    dueAt: null,
    reason: result.reason,
    pausedSince: new Date(result.pausedSince),
    remainingMinutes: result.remainingMinutes,
  };
}
