/**
 * Wall-clock ↔ instant conversion for IANA time zones using only Intl, so the
 * SLA maths follows each zone's DST rules without a date library.
 */

/** A calendar date in some zone; month is 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat is far slower than using one; SLA sweeps convert a
// lot of times in a handful of zones.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? NaN,
    month: out.month ?? NaN,
    day: out.day ?? NaN,
    hour: out.hour ?? NaN,
    minute: out.minute ?? NaN,
    second: out.second ?? NaN,
  };
}

/** Offset of `timeZone` from UTC at an instant, in ms (Amsterdam in summer: +7,200,000). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const w = wallClockAt(instantMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

/** The calendar date an instant falls on in `timeZone`. */
export function localDateOf(instantMs: number, timeZone: string): LocalDate {
  const { year, month, day } = wallClockAt(instantMs, timeZone);
  return { year, month, day };
}

/**
 * The instant at which clocks in `timeZone` show `date` + `minutes` after
 * midnight (1440 = the next midnight). For a wall time skipped by a DST jump
 * the result is shifted forward by the gap (02:30 → 03:30); for a repeated wall
 * time the earlier instant is taken. Both match Temporal's "compatible" rule.
 */
export function zonedTimeToInstant(date: LocalDate, minutes: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day) + minutes * MS_PER_MINUTE;
  // Offsets a day either side bracket any transition near this wall time.
  const before = zoneOffsetMs(wallAsUtc - MS_PER_DAY, timeZone);
  const after = zoneOffsetMs(wallAsUtc + MS_PER_DAY, timeZone);
  const candidates = [wallAsUtc - before, wallAsUtc - after]
    .filter((t) => zoneOffsetMs(t, timeZone) === wallAsUtc - t)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  return wallAsUtc - before;
}

/** The next calendar date (pure date arithmetic, no zone involved). */
export function nextLocalDate(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "YYYY-MM-DD" of a local date, the form holidays are written in. */
export function isoDateOf(date: LocalDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Day of the week of a local date, 0 = Sunday … 6 = Saturday. */
export function weekdayIndexOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
