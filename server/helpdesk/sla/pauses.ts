import type { Interval } from "./business-calendar";

/**
 * A stretch during which SLA clocks stop: the ticket waited on the customer
 * (or sat resolved before a reopen). `to: null` means it is still paused.
 */
export interface SlaPause {
  from: Date;
  to: Date | null;
  /** Why the clock stopped, carried onto paused clocks; defaults to waiting_on_customer. */
  reason?: string;
}

export interface NormalizedPause extends Interval {
  reason: string;
}

export const DEFAULT_PAUSE_REASON = "waiting_on_customer";

/**
 * Sorts pauses and merges overlapping or touching ones; an open pause becomes
 * an interval ending at +Infinity and swallows everything after it. A pause
 * whose end is before its start is a caller bug and throws.
 */
export function normalizePauses(pauses: readonly SlaPause[] = []): NormalizedPause[] {
  const intervals = pauses.map((p) => {
    const start = p.from.getTime();
    const end = p.to === null ? Infinity : p.to.getTime();
    if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError("SLA pause has an invalid date");
    if (end < start) throw new RangeError(`SLA pause ends before it starts (${p.from.toISOString()})`);
    return { start, end, reason: p.reason ?? DEFAULT_PAUSE_REASON };
  });
  intervals.sort((a, b) => a.start - b.start);
  const merged: NormalizedPause[] = [];
  for (const p of intervals) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) {
      if (p.end > last.end) {
        last.end = p.end;
        // The still-open pause is the one that explains a paused clock.
        if (p.end === Infinity) last.reason = p.reason;
      }
    } else {
      merged.push({ ...p });
    }
  }
  return merged;
}

/** Pauses as they were at `at`: later ones dropped, one running past `at` cut there. */
export function clipPausesAt(pauses: readonly NormalizedPause[], at: number): NormalizedPause[] {
  return pauses
    .filter((p) => p.start < at)
    .map((p) => (p.end > at ? { ...p, end: at } : p));
}
