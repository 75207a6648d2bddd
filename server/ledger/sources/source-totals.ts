/**
 * What each source has put in the ledger (posted entries): entries, and their
 * net effect on receivables and on income. For the ingest summary beside the
 * legacy figures, so an admin sees that receivables and income are complete.
 */
import { Decimal } from "decimal.js";
import type { DbOrTx } from "@/server/db";
import { SOURCE_KINDS, type SourceKind } from "./post-source-entry";

export const SOURCE_LABEL: Record<SourceKind, string> = {
  "sb-invoice": "Switchboard invoices",
  "sb-invoice-void": "Switchboard voids",
  "sb-payment": "Switchboard card payments",
  "sb-refund": "Switchboard card refunds",
  "sb-credit": "Switchboard credit notes",
  "ascora-invoice": "Ascora invoices",
  "ascora-payment": "Ascora payments",
};

export interface SourceTotal {
  kind: SourceKind;
  label: string;
  entries: number;
  /** Net debit on receivables (negative = collected or credited). */
  receivables: string;
  /** Net credit on the income accounts. */
  income: string;
}

export async function sourceTotals(db: DbOrTx): Promise<SourceTotal[]> {
  const kinds = Object.values(SOURCE_KINDS);
  const rows = await db.$queryRaw<{ kind: string; entries: bigint; receivables: string | null; income: string | null }[]>`
    SELECT e."sourceKind" AS kind,
           count(DISTINCT e."id") AS entries,
           (SUM(CASE WHEN a."key" = 'receivables' THEN l."debit" - l."credit" ELSE 0 END))::text AS receivables,
           (SUM(CASE WHEN a."type" = 'income' THEN l."credit" - l."debit" ELSE 0 END))::text AS income
      FROM "LedgerEntry" e
      JOIN "LedgerLine" l ON l."entryId" = e."id"
      JOIN "LedgerAccount" a ON a."id" = l."accountId"
     WHERE e."state" = 'posted' AND e."sourceKind" = ANY(${kinds})
     GROUP BY e."sourceKind"`;
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return kinds.map((kind) => {
    const row = byKind.get(kind);
    return {
      kind,
      label: SOURCE_LABEL[kind],
      entries: Number(row?.entries ?? 0),
      receivables: new Decimal(row?.receivables ?? 0).toFixed(2),
      income: new Decimal(row?.income ?? 0).toFixed(2),
    };
  });
}
