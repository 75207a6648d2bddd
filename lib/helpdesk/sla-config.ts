import { z } from "zod";
import { TICKET_PRIORITIES, type TicketPriority } from "./ticket-priorities";

/**
 * SLA configuration an admin edits: the business calendar the clocks run on
 * and the targets per priority. Client-safe (the settings form validates with
 * the same schemas); the maths lives in server/helpdesk/sla/.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Whether the runtime knows `timeZone` as an IANA zone (e.g. "Europe/Amsterdam"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const timeOfDaySchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, {
    error: (iss) => `"${String(iss.input)}" is not a time of day; use HH:MM from 00:00 to 24:00`,
  });

/** Minutes since local midnight of an "HH:MM" string ("24:00" → 1440). */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(":");
  return Number(h) * 60 + Number(m);
}

export const openingHoursSchema = z
  .object({
    open: timeOfDaySchema.describe("Local opening time, HH:MM"),
    close: timeOfDaySchema.describe("Local closing time, HH:MM; 24:00 for midnight"),
  })
  .refine((h) => minutesOfDay(h.open) < minutesOfDay(h.close), {
    error: "Closing time must be later than opening time",
    path: ["close"],
  });

export type OpeningHours = z.infer<typeof openingHoursSchema>;

const weekdaySchema = z.enum(WEEKDAYS, {
  error: (iss) => `"${String(iss.input)}" is not a weekday; use one of ${WEEKDAYS.join(", ")}`,
});

/**
 * A business calendar: SLA targets count only minutes inside opening hours on
 * working days that are not holidays, in the calendar's own time zone.
 * One opening interval per day keeps the settings form simple; `hoursByDay`
 * overrides `hours` for single weekdays (e.g. Friday closing early).
 * A round-the-clock calendar is all seven days with 00:00–24:00.
 */
export const businessCalendarSchema = z
  .object({
    timezone: z
      .string()
      .refine(isValidTimeZone, {
        error: (iss) => `"${String(iss.input)}" is not a known IANA time zone (e.g. Europe/Amsterdam)`,
      })
      .describe("IANA time zone the opening hours and holidays are in"),
    workingDays: z
      .array(weekdaySchema)
      .min(1, { error: "Pick at least one working day" })
      .refine((days) => new Set(days).size === days.length, {
        error: "Each working day may be listed only once",
      })
      .describe("Weekdays the SLA clock runs on"),
    hours: openingHoursSchema.describe("Opening hours on a working day"),
    hoursByDay: z
      .partialRecord(weekdaySchema, openingHoursSchema)
      .default({})
      .describe("Opening hours that differ for a particular weekday"),
    holidays: z
      .array(z.iso.date({ error: (iss) => `"${String(iss.input)}" is not a date (YYYY-MM-DD)` }))
      .max(2000, { error: "At most 2000 holidays" })
      .default([])
      .transform((days) => [...new Set(days)].sort())
      .describe("Local dates (YYYY-MM-DD) on which the clock does not run"),
  })
  .superRefine((cal, ctx) => {
    for (const day of Object.keys(cal.hoursByDay) as Weekday[]) {
      if (!cal.workingDays.includes(day)) {
        ctx.addIssue({
          code: "custom",
          path: ["hoursByDay", day],
          message: `Opening hours are set for ${day}, which is not a working day`,
        });
      }
    }
  });

export type BusinessCalendar = z.output<typeof businessCalendarSchema>;
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;

/**
 * Monday to Friday, 08:00–18:00 UTC, no holidays: a neutral start that admins
 * replace with their own zone and holidays in the SLA settings.
 */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  timezone: "UTC",
  workingDays: ["mon", "tue", "wed", "thu", "fri"],
  hours: { open: "08:00", close: "18:00" },
  hoursByDay: {},
  holidays: [],
};

/** Longest target accepted: a year of round-the-clock minutes. */
export const MAX_SLA_TARGET_MINUTES = 366 * 24 * 60;

const targetMinutes = (what: string) =>
  z
    .number({ error: `${what} must be a number of business minutes` })
    .int({ error: `${what} must be a whole number of minutes` })
    .min(1, { error: `${what} must be at least 1 minute` })
    .max(MAX_SLA_TARGET_MINUTES, { error: `${what} may be at most ${MAX_SLA_TARGET_MINUTES} minutes` });

/** Targets for one priority, in business minutes of the calendar. */
export const slaPolicySchema = z
  .object({
    firstResponseMinutes: targetMinutes("First response target").describe(
      "Business minutes from creation to the first public provider reply",
    ),
    nextUpdateMinutes: targetMinutes("Next update target").describe(
      "Business minutes allowed between public provider updates",
    ),
    resolutionMinutes: targetMinutes("Resolution target").describe(
      "Business minutes from creation to resolution",
    ),
  })
  .refine((p) => p.firstResponseMinutes <= p.resolutionMinutes, {
    error: "Resolution target cannot be shorter than the first response target",
    path: ["resolutionMinutes"],
  });

export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const slaPoliciesSchema = z.object(
  Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, slaPolicySchema])) as Record<
    TicketPriority,
    typeof slaPolicySchema
  >,
);

export type SlaPolicies = Record<TicketPriority, SlaPolicy>;

const HOUR = 60;
/** One business day of the default calendar (08:00–18:00). */
const DEFAULT_BUSINESS_DAY = 10 * HOUR;

/** Default targets; "days" are business days of the default calendar. */
export const DEFAULT_SLA_POLICIES: Readonly<SlaPolicies> = {
  urgent: { firstResponseMinutes: 30, nextUpdateMinutes: HOUR, resolutionMinutes: 4 * HOUR },
  high: { firstResponseMinutes: HOUR, nextUpdateMinutes: 4 * HOUR, resolutionMinutes: 8 * HOUR },
  normal: {
    firstResponseMinutes: 4 * HOUR,
    nextUpdateMinutes: 8 * HOUR,
    resolutionMinutes: 3 * DEFAULT_BUSINESS_DAY,
  },
  low: {
    firstResponseMinutes: 8 * HOUR,
    nextUpdateMinutes: 24 * HOUR,
    resolutionMinutes: 5 * DEFAULT_BUSINESS_DAY,
  },
};

/** Share of a target's time after which a running clock counts as at risk. */
export const DEFAULT_AT_RISK_FRACTION = 0.75;

/** Everything an admin sets on the SLA settings page, as one document. */
export const slaSettingsSchema = z.object({
  calendar: businessCalendarSchema,
  policies: slaPoliciesSchema,
  atRiskFraction: z
    .number()
    .gt(0, { error: "At-risk share must be above 0" })
    .lt(1, { error: "At-risk share must be below 1" })
    .default(DEFAULT_AT_RISK_FRACTION)
    .describe("Share of a target's business time after which it shows as at risk"),
});

export type SlaSettings = z.output<typeof slaSettingsSchema>;

export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  calendar: DEFAULT_BUSINESS_CALENDAR,
  policies: DEFAULT_SLA_POLICIES,
  atRiskFraction: DEFAULT_AT_RISK_FRACTION,
};
