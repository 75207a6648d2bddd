/**
 * The ingest summary an admin reviews before posting: invoices per
 * verification state, totals and lines per family (draft and posted), the
 * unmatched ("Other") lines and the tax mismatches.
 */
import { Decimal } from "decimal.js";
import type { DbOrTx } from "@/server/db";
import type { LedgerFamily, LedgerVerification } from "@/server/generated/prisma/client";
import { LEDGER_FAMILIES } from "../chart-of-accounts";
import { LEGACY_INVOICE_SOURCE } from "../ingest-legacy-invoices";

export interface IngestSummaryReport {
  byVerification: Record<LedgerVerification, number>;
  posted: number;
  byFamily: { family: LedgerFamily; lines: number; total: string }[];
  unmatchedLines: { entryRef: string; description: string; amount: string }[];
  taxMismatches: { legacyId: string; number: string | null; subtotal: string; tax: string; ratePercent: string | null }[];
  openReviews: number;
}

export async function ingestSummary(db: DbOrTx): Promise<IngestSummaryReport> {
  const [states, posted, families, unmatched, mismatches, openReviews] = await Promise.all([
    db.ledgerSourceInvoice.groupBy({ by: ["verification"], _count: { _all: true } }),
    db.ledgerEntry.count({ where: { sourceKind: LEGACY_INVOICE_SOURCE, state: "posted" } }),
    db.ledgerLine.groupBy({
      by: ["family"],
      where: { family: { not: null }, entry: { sourceKind: LEGACY_INVOICE_SOURCE } },
      _count: { _all: true },
      _sum: { credit: true, debit: true },
    }),
    db.ledgerLine.findMany({
      where: { unmatched: true, entry: { sourceKind: LEGACY_INVOICE_SOURCE } },
      select: { description: true, credit: true, debit: true, entry: { select: { ref: true } } },
      orderBy: { description: "asc" },
      take: 200,
    }),
    db.ledgerSourceInvoice.findMany({ where: { taxMismatch: true }, orderBy: { number: "asc" }, take: 200 }),
    db.ledgerReviewItem.count({ where: { resolvedAt: null } }),
  ]);
  const byVerification = { pending: 0, verified: 0, waiting: 0, skipped: 0 } as Record<LedgerVerification, number>;
  for (const s of states) byVerification[s.verification] = s._count._all;
  return {
    byVerification,
    posted,
    byFamily: LEDGER_FAMILIES.map((family) => {
      const f = families.find((x) => x.family === family);
      const total = new Decimal(f?._sum.credit?.toString() ?? 0).minus(f?._sum.debit?.toString() ?? 0);
      return { family, lines: f?._count._all ?? 0, total: total.toFixed(2) };
    }),
    unmatchedLines: unmatched.map((l) => ({ entryRef: l.entry.ref, description: l.description, amount: new Decimal(l.credit.toString()).minus(l.debit.toString()).toFixed(2) })),
    taxMismatches: mismatches.map((m) => ({ legacyId: m.legacyId, number: m.number, subtotal: m.subtotal.toFixed(2), tax: m.tax.toFixed(2), ratePercent: m.taxRatePercent?.toString() ?? null })),
    openReviews,
  };
}
