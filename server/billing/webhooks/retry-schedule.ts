/**
 * When outbound webhook deliveries are attempted. Attempt 0 goes at once;
 * after attempt k fails, attempt k+1 waits `schedule[k+1]`; after the last
 * one the delivery is dead-lettered (visible in the console, resend by hand).
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** At once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts over about 28 hours. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
]);

/** A delivery counts only if the endpoint answers 2xx within this time. */
export const DELIVERY_TIMEOUT_MS = 15 * SECOND;

/**
 * Delay in ms before attempt `attemptIndex` (0-based), or null when the
 * schedule is exhausted and the delivery should be dead-lettered.
 * @example nextDelay(0) === 0; nextDelay(1) === 5000; nextDelay(8) === null
 */
export function nextDelay(attemptIndex: number, schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS): number | null {
  if (!Number.isInteger(attemptIndex) || attemptIndex < 0) {
    throw new RangeError(`attemptIndex must be a whole number ≥ 0, got ${attemptIndex}`);
  }
  return schedule[attemptIndex] ?? null;
}

/** When attempt `attemptIndex` is due, counted from `after` (the previous failure), or null to dead-letter. */
export function nextAttemptAt(
  attemptIndex: number,
  after: Date,
  schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS,
): Date | null {
  const delay = nextDelay(attemptIndex, schedule);
  return delay === null ? null : new Date(after.getTime() + delay);
}

/** True for the statuses that count as delivered. Redirects do not: they are never followed. */
export function isDeliverySuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: 24 * HOUR };

/**
 * Parses the schedule setting, e.g. "0, 5s, 5m, 30m, 2h, 5h, 10h, 10h" (a bare
 * number is seconds). Throws a RangeError naming the bad entry.
 */
export function parseRetrySchedule(text: string): number[] {
  const entries = text.split(",").map((e) => e.trim()).filter((e) => e !== "");
  if (entries.length === 0) throw new RangeError("The retry schedule needs at least one attempt");
  return entries.map((entry) => {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(entry);
    if (!match) throw new RangeError(`"${entry}" is not a delay; use forms like 0, 5s, 30m, 2h`);
    const unit = UNIT_MS[(match[2] ?? "s").toLowerCase()] ?? SECOND;
    return Math.round(Number(match[1]) * unit);
  });
}

/** The inverse of parseRetrySchedule, for showing the setting: "0, 5s, 5m, …". */
export function formatRetrySchedule(schedule: readonly number[]): string {
  return schedule
    .map((ms) => {
      if (ms === 0) return "0";
      for (const [unit, size] of [["d", 24 * HOUR], ["h", HOUR], ["m", MINUTE], ["s", SECOND]] as const) {
        if (ms % size === 0) return `${ms / size}${unit}`;
      }
      return `${ms}ms`;
    })
    .join(", ");
}
