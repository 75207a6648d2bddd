/**
 * Journal entries as CSV for an accountant: one row per line, posted entries
 * in a date range (drafts only when asked), amounts as exact decimals.
 * Cells that a spreadsheet would run as a formula are prefixed with a quote.
 */
import type { DbOrTx } from "@/server/db";

const HEADER = ["date", "journal", "entry_ref", "state", "partner", "account_code", "account_name", "description", "debit", "credit", "currency", "source"];

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function exportEntriesCsv(db: DbOrTx, range: { from: Date; to: Date; includeDrafts?: boolean }): Promise<string> {
  const entries = await db.ledgerEntry.findMany({
    where: { date: { gte: range.from, lte: range.to }, ...(range.includeDrafts ? {} : { state: "posted" }) },
    include: { journal: true, lines: { include: { account: true }, orderBy: { position: "asc" } } },
    orderBy: [{ date: "asc" }, { ref: "asc" }],
  });
  const out = [HEADER.join(",")];
  for (const e of entries) {
    for (const l of e.lines) {
      out.push(
        [e.date.toISOString().slice(0, 10), e.journal.code, e.ref, e.state, e.partner ?? "", l.account.code, l.account.name, l.description, l.debit.toFixed(2), l.credit.toFixed(2), e.currency, `${e.sourceKind}:${e.sourceId}`]
          .map(cell)
          .join(","),
      );
    }
  }
  return `${out.join("\r\n")}\r\n`;
}
