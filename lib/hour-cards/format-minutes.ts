/** 90 → "1:30", -45 → "-0:45": hours and minutes as agents read a timesheet. */
export function formatHoursMinutes(minutes: number): string {
  const sign = minutes < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(minutes));
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
}

/** 90 → "1.50 h": decimal hours, as invoices and reports show them. */
export function formatDecimalHours(minutes: number): string {
  return `${(minutes / 60).toFixed(2)} h`;
}
