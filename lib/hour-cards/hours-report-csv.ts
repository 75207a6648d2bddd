/** The hours report as CSV: one row per customer and month, hours as decimals. */
export function hoursReportCsv(rows: readonly { month: string; customerName: string; usedMinutes: number; addedMinutes: number }[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = rows.map((r) => [r.month, quote(r.customerName), (r.usedMinutes / 60).toFixed(2), (r.addedMinutes / 60).toFixed(2)].join(","));
  return `${["month,customer,hours_used,hours_added", ...lines].join("\n")}\n`;
}
