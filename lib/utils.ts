import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names and lets later Tailwind classes win over earlier ones that
 * set the same property, so `cn(base, className)` lets callers override a kit
 * default (`px-2` then `px-4` keeps only `px-4`).
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

/**
 * Locale and time zone every formatter uses unless told otherwise. Fixed
 * values (rather than the runtime's) make server and browser render the same
 * text, so hydration never disagrees. NEXT_PUBLIC_* is inlined on both sides.
 */
export const DISPLAY_LOCALE = process.env.NEXT_PUBLIC_LOCALE || "en-AU";
export const DISPLAY_TIME_ZONE = process.env.NEXT_PUBLIC_TIME_ZONE || "UTC";

/** Shown in place of a missing or unreadable value. */
export const EMPTY_VALUE = "—";

/** A date as the app receives it: a Date, an ISO string from JSON, or epoch milliseconds. */
export type DateInput = Date | string | number;

interface FormatOptions {
  locale?: string;
  timeZone?: string;
}

function toDate(value: DateInput | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * "21 Nov 2026, 4:50 pm UTC". The zone name is on by default because an
 * operations console is read across time zones; pass `zone: false` in dense
 * tables whose header already says which zone they use.
 */
export function formatDateTime(
  value: DateInput | null | undefined,
  options: FormatOptions & { zone?: boolean; seconds?: boolean } = {},
): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  return new Intl.DateTimeFormat(options.locale ?? DISPLAY_LOCALE, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: options.seconds ? "2-digit" : undefined,
    timeZone: options.timeZone ?? DISPLAY_TIME_ZONE,
    timeZoneName: options.zone === false ? undefined : "short",
  }).format(date);
}

/** "21 Nov 2026". */
export function formatDate(value: DateInput | null | undefined, options: FormatOptions = {}): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  return new Intl.DateTimeFormat(options.locale ?? DISPLAY_LOCALE, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: options.timeZone ?? DISPLAY_TIME_ZONE,
  }).format(date);
}

const RELATIVE_STEPS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; seconds: number; below: number }> = [
  { unit: "second", seconds: 1, below: 60 },
  { unit: "minute", seconds: 60, below: 60 * 60 },
  { unit: "hour", seconds: 60 * 60, below: 60 * 60 * 24 },
  { unit: "day", seconds: 60 * 60 * 24, below: 60 * 60 * 24 * 7 },
  { unit: "week", seconds: 60 * 60 * 24 * 7, below: 60 * 60 * 24 * 30 },
  { unit: "month", seconds: 60 * 60 * 24 * 30, below: 60 * 60 * 24 * 365 },
  { unit: "year", seconds: 60 * 60 * 24 * 365, below: Number.POSITIVE_INFINITY },
];

/**
 * "5 minutes ago", "in 2 hours", "yesterday", "just now". The text depends on
 * `now`, so server and browser can disagree by a minute: render it inside a
 * `<time dateTime=… title={formatDateTime(…)}>` and pass `now` when a test or
 * a server component needs a stable result.
 */
export function formatRelative(
  value: DateInput | null | undefined,
  now: DateInput = new Date(),
  options: Pick<FormatOptions, "locale"> = {},
): string {
  const date = toDate(value);
  const reference = toDate(now);
  if (!date || !reference) return EMPTY_VALUE;
  const diffSeconds = (date.getTime() - reference.getTime()) / 1000;
  const distance = Math.abs(diffSeconds);
  if (distance < 45) return "just now";
  const format = new Intl.RelativeTimeFormat(options.locale ?? DISPLAY_LOCALE, { numeric: "auto" });
  const step = RELATIVE_STEPS.find((candidate) => distance < candidate.below) ?? RELATIVE_STEPS[RELATIVE_STEPS.length - 1]!;
  return format.format(Math.round(diffSeconds / step.seconds), step.unit);
}

/**
 * "2d 4h", "3h 15m", "45m", "30s": a span of time such as a first-response or
 * turnaround time, to the two largest units.
 */
export function formatDuration(milliseconds: number | null | undefined): string {
  if (milliseconds === null || milliseconds === undefined || !Number.isFinite(milliseconds)) return EMPTY_VALUE;
  const sign = milliseconds < 0 ? "-" : "";
  let seconds = Math.round(Math.abs(milliseconds) / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const count = Math.floor(seconds / size);
    seconds -= count * size;
    if (count > 0 || (unit === "s" && parts.length === 0)) parts.push(`${count}${unit}`);
    if (parts.length === 2) break;
  }
  return sign + parts.join(" ");
}

/** A string that holds a plain decimal number, e.g. "-1234.5600". */
const DECIMAL_STRING = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * A Decimal from decimal.js / Prisma. `isFinite()` is what tells it apart
 * from a JS number (which has `toFixed` too), so floats cannot sneak in as money.
 */
export interface DecimalLike {
  toFixed(): string;
  isFinite(): boolean;
}

/** Anything that can be formatted as an exact decimal without passing through a float. */
export type DecimalInput = string | bigint | DecimalLike;

function toDecimalString(value: DecimalInput): string | null {
  if (typeof value === "bigint") return value.toString();
  // toFixed() with no argument never uses exponent notation, unlike Decimal#toString().
  const text = typeof value === "string" ? value.trim() : value.isFinite() ? value.toFixed() : "";
  return DECIMAL_STRING.test(text) ? text : null;
}

/**
 * "1,234", "12.5%" (with `{ style: "percent" }`): counts and measures.
 * Decimal strings are formatted exactly, digit for digit.
 */
export function formatNumber(
  value: number | bigint | string | null | undefined,
  options: Intl.NumberFormatOptions & { locale?: string } = {},
): string {
  if (value === null || value === undefined) return EMPTY_VALUE;
  const { locale, ...format } = options;
  if (typeof value === "number" && !Number.isFinite(value)) return EMPTY_VALUE;
  if (typeof value === "string" && !DECIMAL_STRING.test(value.trim())) return EMPTY_VALUE;
  const formatter = new Intl.NumberFormat(locale ?? DISPLAY_LOCALE, format);
  return formatter.format(typeof value === "string" ? (value.trim() as `${number}`) : value);
}

/**
 * "$1,234.50", "USD 1,234.50": an amount of money. The amount is a decimal
 * string, bigint or Decimal and is handed to Intl as a string, so it is never
 * rounded through a float. Unit prices with up to 6 places want
 * `{ maximumFractionDigits: 6 }`. Something that is not a decimal comes back
 * as-is with its currency rather than as a wrong number.
 */
export function formatMoney(
  amount: DecimalInput | null | undefined,
  currency: string,
  options: Omit<Intl.NumberFormatOptions, "style" | "currency"> & { locale?: string } = {},
): string {
  if (amount === null || amount === undefined) return EMPTY_VALUE;
  const decimal = toDecimalString(amount);
  if (decimal === null) return `${String(amount)} ${currency}`;
  const { locale, ...format } = options;
  const base = { style: "currency", currency: currency.toUpperCase() } as const;
  const resolvedLocale = locale ?? DISPLAY_LOCALE;
  if (format.maximumFractionDigits !== undefined && format.minimumFractionDigits === undefined) {
    // Intl rejects a maximum below the currency's own minimum (2 for AUD), so lower the minimum with it.
    const currencyMinimum = new Intl.NumberFormat(resolvedLocale, base).resolvedOptions().minimumFractionDigits ?? 0;
    format.minimumFractionDigits = Math.min(currencyMinimum, format.maximumFractionDigits);
  }
  return new Intl.NumberFormat(resolvedLocale, { ...format, ...base }).format(decimal as `${number}`);
}
