"use client";

import { LEDGER_FAMILIES } from "@/lib/ledger/families";
import { FamilyTotalsTable } from "./family-totals-table";
import type { LedgerOutputs } from "./router-types";

type IngestSummary = LedgerOutputs["invoices"]["ingest"];

/** What an ingest did, or (dry run) would do: counts, totals per family, unmatched lines, tax mismatches. */
export function IngestResult({ summary }: { summary: IngestSummary }) {
  const c = summary.counts;
  const would = summary.dryRun ? "would be " : "";
  return (
    <section aria-label={summary.dryRun ? "Dry run result" : "Ingest result"} className="space-y-3 text-sm">
      <p className="font-medium">
        {summary.dryRun ? "Dry run: nothing was written. " : "Ingested as drafts. "}
        {c.created} {would}created, {c.updated} {would}updated, {c.unchanged} unchanged, {c.review} {would}sent to review, {c.skipped_zero} at $0, {c.failed} failed.
      </p>
      <FamilyTotalsTable label="Lines per family" rows={LEDGER_FAMILIES.map((family) => ({ family, ...summary.byFamily[family] }))} />
      <p className="font-medium">Unmatched lines (booked to Other): {summary.unmatchedCount}</p>
      {summary.unmatched.length > 0 && (
        <ul className="max-h-32 list-disc overflow-auto pl-5 break-words">
          {summary.unmatched.map((l, i) => (
            <li key={i}>
              {l.ref}: {l.description} ({l.amount})
            </li>
          ))}
        </ul>
      )}
      <p className="font-medium">Tax mismatches: {summary.taxMismatchCount}</p>
      {summary.taxMismatches.length > 0 && (
        <ul className="max-h-32 list-disc overflow-auto pl-5">
          {summary.taxMismatches.map((m) => (
            <li key={m.ref}>
              {m.ref}: tax {m.tax} on {m.subtotal}; {m.ratePercent}% gives {m.computedTax}
            </li>
          ))}
        </ul>
      )}
      {summary.failures.length > 0 && (
        <ul role="alert" className="text-danger list-disc pl-5">
          {summary.failures.slice(0, 20).map((f) => (
            <li key={f.legacyId}>
              {f.legacyId}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
