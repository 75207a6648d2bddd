/**
 * Turnaround of owner approvals (decided − sent, in hours) and the "stuck"
 * rule behind the reporting page's "pending > 7 days" view. Pure functions so
 * the report, the ticket page and tests agree on one definition.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_STUCK_DAYS = 7;

export interface TurnaroundPair {
  sentAt: Date;
  decidedAt: Date | null | undefined;
}

export interface TurnaroundStats {
  /** Decided engagements counted (undecided pairs are skipped). */
  count: number;
  averageHours: number | null;
  medianHours: number | null;
}

/**
 * Hours from sending to the owner's decision, or null while undecided.
 * Never negative: a decision stamped before the send (clock skew) counts as 0.
 */
export function turnaroundHours(sentAt: Date, decidedAt: Date | null | undefined): number | null {
  if (!decidedAt) return null;
  return Math.max(0, decidedAt.getTime() - sentAt.getTime()) / HOUR_MS;
}

/**
 * Count, mean and median turnaround over decided engagements; averages are
 * null when nothing was decided. The median of an even count is the mean of
 * the two middle values.
 */
export function turnaroundStats(pairs: Iterable<TurnaroundPair>): TurnaroundStats {
  const hours: number[] = [];
  for (const pair of pairs) {
    const h = turnaroundHours(pair.sentAt, pair.decidedAt);
    if (h !== null) hours.push(h);
  }
  if (hours.length === 0) return { count: 0, averageHours: null, medianHours: null };
  hours.sort((a, b) => a - b);
  const sum = hours.reduce((total, h) => total + h, 0);
  const mid = Math.floor(hours.length / 2);
  const median = hours.length % 2 === 1 ? (hours[mid] as number) : ((hours[mid - 1] as number) + (hours[mid] as number)) / 2;
  return { count: hours.length, averageHours: sum / hours.length, medianHours: median };
}

/** The send time before which a pending engagement is stuck (for database filters). */
export function stuckCutoff(now: Date, days = DEFAULT_STUCK_DAYS): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** True when an engagement sent at `sentAt` has waited more than `days` days by `now`. */
export function isStuck(sentAt: Date, now: Date, days = DEFAULT_STUCK_DAYS): boolean {
  return sentAt.getTime() < stuckCutoff(now, days).getTime();
}
