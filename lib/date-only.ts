import { formatDate } from "./utils";

/**
 * Calendar dates without a time ("2026-12-05"), as date inputs hold them,
 * shown in the app's one date format ("5 Dec 2026") and read back from what
 * people type.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const FULL_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function isoOf(year: number, month: number, day: number): string | null {
  // Round-trip through UTC so 31 Feb or month 13 is refused, not rolled over.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || year > 9999 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** "5 Dec 2026" for "2026-12-05", read in UTC so no time zone can move it to the 4th; "" for no date. */
export function formatDateOnly(iso: string): string {
  return ISO.test(iso) ? formatDate(`${iso}T00:00:00Z`, { timeZone: "UTC" }) : "";
}

/**
 * The ISO date in what someone typed: "5 Dec 2026", "5 December 2026",
 * "Dec 5, 2026" or "2026-12-05". Numeric day/month orders are refused because
 * 05/12 reads differently in different countries. Null when it is not a date.
 */
export function parseDateOnly(text: string): string | null {
  const value = text.trim().toLowerCase().replace(/,/g, " ").replace(/\s+/g, " ");
  const iso = ISO.exec(value);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.? (\d{4})$/.exec(value);
  const monthFirst = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/.exec(value);
  const [day, monthName, year] = dayFirst ? [dayFirst[1], dayFirst[2], dayFirst[3]] : monthFirst ? [monthFirst[2], monthFirst[1], monthFirst[3]] : [];
  if (!day || !monthName || !year) return null;
  const month = FULL_MONTHS.findIndex((m) => monthName === m || monthName === m.slice(0, 3) || (m === "september" && monthName === "sept"));
  return month < 0 ? null : isoOf(Number(year), month + 1, Number(day));
}
