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

/** The start of the full period that ends at `end` (one interval earlier, on the anchor day). */
export function periodStartBefore(end: Date, interval: PlanInterval, anchorDay: number): Date {
  const monthIndex = end.getUTCMonth() - MONTHS[interval];
  const year = end.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(anchorDay, daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day, end.getUTCHours(), end.getUTCMinutes(), end.getUTCSeconds(), end.getUTCMilliseconds()));
}

const DAY_MS = 86_400_000;

/**
 * Proration by day, as Lago does: the days of `part` (every UTC day it
 * touches counts, so terminating 13 hours in bills one day) out of the days
 * of the full period it belongs to. Null when `part` is the full period.
 */
export function prorationDays(part: BillingPeriod, full: BillingPeriod): { days: number; of: number } | null {
  if (part.start.getTime() <= full.start.getTime() && part.end.getTime() >= full.end.getTime()) return null;
  const of = Math.round((full.end.getTime() - full.start.getTime()) / DAY_MS);
  const days = Math.ceil((part.end.getTime() - startOfUtcDay(part.start).getTime()) / DAY_MS);
  return { days: Math.min(Math.max(days, 0), of), of };
}
