import {
  WEEKDAYS,
  businessCalendarSchema,
  minutesOfDay,
  type BusinessCalendar,
  type Weekday,
} from "@/lib/helpdesk/sla-config";
import { isoDateOf, weekdayIndexOf, zonedTimeToInstant, type LocalDate } from "./zoned-time";

export {
  DEFAULT_BUSINESS_CALENDAR,
  WEEKDAYS,
  businessCalendarSchema,
  type BusinessCalendar,
  type BusinessCalendarInput,
  type OpeningHours,
  type Weekday,
} from "@/lib/helpdesk/sla-config";

/** A span of time as epoch milliseconds, end exclusive. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Validates a stored or submitted calendar and fills defaults; throws a
 * ZodError naming the bad field. Use `businessCalendarSchema.safeParse` when
 * the caller wants to show the errors instead.
 */
export function parseBusinessCalendar(input: unknown): BusinessCalendar {
  return businessCalendarSchema.parse(input);
}

/**
 * Calendars loaded once per sweep are reused for thousands of tickets, so their
 * windows are cached per calendar object: treat a calendar as immutable (parse a
 * new one after an edit rather than mutating it).
 */
const windowCache = new WeakMap<BusinessCalendar, Map<string, Interval | null>>();
const holidayCache = new WeakMap<BusinessCalendar, Set<string>>();
const MAX_CACHED_DAYS = 5000;

// JS weekday index (0 = Sunday) → our weekday codes.
const WEEKDAY_BY_INDEX: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * The opening window of one local date as instants, or null when the business
 * is closed that day (not a working day, or a holiday). A window's length is
 * real elapsed time, so a 00:00–24:00 day lasts 23 or 25 hours across DST.
 */
export function openingWindowOn(date: LocalDate, calendar: BusinessCalendar): Interval | null {
  const iso = isoDateOf(date);
  let cache = windowCache.get(calendar);
  if (!cache) {
    cache = new Map();
    windowCache.set(calendar, cache);
  }
  const cached = cache.get(iso);
  if (cached !== undefined) return cached;

  const window = computeWindow(date, iso, calendar);
  if (cache.size >= MAX_CACHED_DAYS) cache.clear();
  cache.set(iso, window);
  return window;
}

function computeWindow(date: LocalDate, iso: string, calendar: BusinessCalendar): Interval | null {
  let holidays = holidayCache.get(calendar);
  if (!holidays) {
    holidays = new Set(calendar.holidays);
    holidayCache.set(calendar, holidays);
  }
  if (holidays.has(iso)) return null;
  const weekday = WEEKDAY_BY_INDEX[weekdayIndexOf(date)]!;
  if (!calendar.workingDays.includes(weekday)) return null;
  const hours = calendar.hoursByDay[weekday] ?? calendar.hours;
  const start = zonedTimeToInstant(date, minutesOfDay(hours.open), calendar.timezone);
  const end = zonedTimeToInstant(date, minutesOfDay(hours.close), calendar.timezone);
  // A window that falls entirely inside a DST gap has no real time in it.
  return end > start ? { start, end } : null;
}

/** Minutes the business is open in an ordinary week: a quick sanity figure for settings pages. */
export function weeklyOpeningMinutes(calendar: BusinessCalendar): number {
  return WEEKDAYS.filter((d) => calendar.workingDays.includes(d)).reduce((sum, d) => {
    const h = calendar.hoursByDay[d] ?? calendar.hours;
    return sum + minutesOfDay(h.close) - minutesOfDay(h.open);
  }, 0);
}
