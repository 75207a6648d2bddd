/**
 * Billing period arithmetic in UTC. A period is [start, end). Monthly periods
 * keep the subscription's anchor day and fall back to the month's last day
 * when it is shorter (Jan 31 → Feb 28 → Mar 31), so periods never drift.
 */
import type { PlanInterval } from "@/lib/validators/billing";

export interface BillingPeriod {
  start: Date;
  end: Date;
}

const MONTHS: Record<PlanInterval, number> = { monthly: 1, yearly: 12 };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * The end of the period that starts at `start`: one interval later, on the
 * anchor day (1–31) or the month's last day when the month is shorter.
 */
export function periodEndFrom(start: Date, interval: PlanInterval, anchorDay: number = start.getUTCDate()): Date {
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) throw new RangeError(`anchorDay must be 1–31, got ${anchorDay}`);
  const monthIndex = start.getUTCMonth() + MONTHS[interval];
  const year = start.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(anchorDay, daysInMonth(year, month));
  return new Date(
    Date.UTC(year, month, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds()),
  );
}

/** The first period of a subscription that starts at `start`. */
export function firstPeriod(start: Date, interval: PlanInterval): BillingPeriod {
  return { start, end: periodEndFrom(start, interval) };
}

/** The period after `current`, keeping the subscription's anchor day. */
export function nextPeriod(current: BillingPeriod, interval: PlanInterval, anchorDay: number): BillingPeriod {
  return { start: current.end, end: periodEndFrom(current.end, interval, anchorDay) };
}

/** Midnight UTC of the day `at` falls on. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
