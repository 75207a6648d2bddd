import { formatDecimalHours as formatHours } from "@/lib/hour-cards/format-minutes";
import type { getRunOrThrow } from "./get-run";

type Run = Awaited<ReturnType<typeof getRunOrThrow>>;

/** RFC 4180 field; a leading = + - @ is prefixed so a spreadsheet never runs CRM text as a formula. */
function cell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The run's summary report: one line per item, in wizard order. */
export function runToCsv(run: Run): string {
  const head = ["seq", "kind", "crm_id", "title", "crm_hours", "state", "card_id", "hours_transferred", "reason", "error", "processed_at", "mode"];
  const mode = run.dryRun ? "DRY RUN" : "COMMITTED";
  const lines = run.items.map((i) =>
    [i.seq, i.kind, i.externalId, i.title, i.hoursText, i.state, i.cardId, i.minutes ? formatHours(i.minutes) : "", i.reason, i.error, i.processedAt?.toISOString() ?? "", mode]
      .map(cell)
      .join(","),
  );
  return [head.join(","), ...lines].join("\r\n") + "\r\n";
}
