import { openingWindowOn, type BusinessCalendar, type Interval } from "./business-calendar";
import { normalizePauses, type NormalizedPause, type SlaPause } from "./pauses";
import { localDateOf, nextLocalDate } from "./zoned-time";

const MS_PER_MINUTE = 60_000;
/** A calendar closed this long in a row (all holidays) has no business time left. */
const MAX_CLOSED_DAYS = 3660;

/** Opening windows from `fromMs` onwards, the first one cut to start at `fromMs`. */
export function* openingWindowsFrom(fromMs: number, calendar: BusinessCalendar): Generator<Interval> {
  let date = localDateOf(fromMs, calendar.timezone);
  let closedDays = 0;
  for (;;) {
    const window = openingWindowOn(date, calendar);
    if (window === null) {
      if (++closedDays > MAX_CLOSED_DAYS) {
        throw new RangeError(`Business calendar has no opening hours for ${MAX_CLOSED_DAYS} days in a row`);
      }
    } else {
      closedDays = 0;
      if (window.end > fromMs) yield { start: Math.max(window.start, fromMs), end: window.end };
    }
    date = nextLocalDate(date);
  }
}

/**
 * Time the SLA clock runs from `fromMs` on: opening windows minus pauses.
 * Ends (returns) when it reaches a pause that is still open, since no clock
 * time exists after that until the pause is closed.
 */
export function* clockWindowsFrom(
  fromMs: number,
  calendar: BusinessCalendar,
  pauses: readonly NormalizedPause[],
): Generator<Interval> {
  let i = 0;
  for (const window of openingWindowsFrom(fromMs, calendar)) {
    let cursor = window.start;
    while (cursor < window.end) {
      while (i < pauses.length && pauses[i]!.end <= cursor) i++;
      const pause = pauses[i];
      if (!pause || pause.start >= window.end) {
        yield { start: cursor, end: window.end };
        break;
      }
      if (pause.start > cursor) yield { start: cursor, end: pause.start };
      if (pause.end === Infinity) return;
      cursor = pause.end;
    }
  }
}

export type ConsumeResult =
  | { kind: "due"; dueAt: number }
  | { kind: "paused"; pausedSince: number; reason: string; remainingMinutes: number };

/**
 * Runs the clock for `minutes` from `startMs`. Returns when the budget runs out,
 * or, when an open pause stops the clock first, what is left of it.
 */
export function consumeClockMinutes(
  startMs: number,
  minutes: number,
  calendar: BusinessCalendar,
  pauses: readonly NormalizedPause[],
): ConsumeResult {
  assertMinutes(minutes);
  let remaining = minutes * MS_PER_MINUTE;
  if (remaining === 0) return { kind: "due", dueAt: startMs };
  for (const piece of clockWindowsFrom(startMs, calendar, pauses)) {
    const length = piece.end - piece.start;
    if (remaining <= length) return { kind: "due", dueAt: piece.start + remaining };
    remaining -= length;
  }
  const open = pauses[pauses.length - 1]!;
  return {
    kind: "paused",
    pausedSince: open.start,
    reason: open.reason,
    remainingMinutes: remaining / MS_PER_MINUTE,
  };
}

function assertMinutes(minutes: number): void {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes must be a finite number ≥ 0, got ${minutes}`);
  }
}

function toMs(d: Date, name: string): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid date`);
  return ms;
}

/**
 * The instant `minutes` business minutes after `start`. Time outside opening
 * hours, on non-working days and on holidays does not count, so Friday 17:30
 * plus 60 minutes (Mon–Fri 08:00–18:00) is Monday 08:30. Adding 0 returns
 * `start` unchanged; a budget that ends exactly at closing time returns the
 * closing time, not the next opening.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  const result = consumeClockMinutes(toMs(start, "start"), minutes, calendar, []);
  // Without pauses the clock never stops, so the budget always runs out.
  if (result.kind !== "due") throw new Error("unreachable: business clock paused without pauses");
  return new Date(result.dueAt);
}

export interface BusinessMinutesOptions {
  /** Stretches not to count (ticket waiting on the customer). */
  pauses?: readonly SlaPause[];
}

/**
 * Business minutes between two instants (fractional when the instants are not
 * on whole minutes); negative when `b` is before `a`. The inverse of
 * addBusinessMinutes: businessMinutesBetween(s, addBusinessMinutes(s, m)) = m.
 * With `pauses`, paused time is left out too (time the SLA clock actually ran).
 */
export function businessMinutesBetween(
  a: Date,
  b: Date,
  calendar: BusinessCalendar,
  options: BusinessMinutesOptions = {},
): number {
  const aMs = toMs(a, "a");
  const bMs = toMs(b, "b");
  if (bMs < aMs) return -businessMinutesBetween(b, a, calendar, options);
  return clockMsBetween(aMs, bMs, calendar, normalizePauses(options.pauses)) / MS_PER_MINUTE;
}

/** Clock milliseconds in [fromMs, toMs) with already-normalized pauses. */
export function clockMsBetween(
  fromMs: number,
  toMs: number,
  calendar: BusinessCalendar,
  pauses: readonly NormalizedPause[],
): number {
  let total = 0;
  for (const piece of clockWindowsFrom(fromMs, calendar, pauses)) {
    if (piece.start >= toMs) break;
    total += Math.min(piece.end, toMs) - piece.start;
  }
  return total;
}

/** Whether the business is open at `at` (inside opening hours of a working, non-holiday day). */
export function isWithinBusinessHours(at: Date, calendar: BusinessCalendar): boolean {
  const ms = toMs(at, "at");
  const first = openingWindowsFrom(ms, calendar).next();
  return !first.done && first.value.start === ms && first.value.end > ms;
}
