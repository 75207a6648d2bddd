"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/lib/trpc/react";
import { FamilyTotalsTable } from "./family-totals-table";

/** Counts per verification state, totals per family, unmatched lines and tax mismatches. */
export function IngestSummaryCard() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.ledger.reports.summary.queryOptions());
  const v = data.byVerification;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Ingest summary</CardTitle>
        <CardDescription>
          {v.pending} pending · {v.verified} verified · {v.waiting} waiting · {v.skipped} skipped · {data.posted} posted
          {data.openReviews > 0 ? ` · ${data.openReviews} upstream change(s) to review` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-2">
        <FamilyTotalsTable label="Income lines per family" rows={data.byFamily} />
        <div className="space-y-3 text-sm">
          <p className="font-medium">Unmatched lines (booked to Other): {data.unmatchedLines.length}</p>
          {data.unmatchedLines.length > 0 && (
            <ul className="max-h-40 list-disc overflow-auto pl-5">
              {data.unmatchedLines.map((l, i) => (
                <li key={i}>
                  {l.entryRef}: {l.description} ({l.amount})
                </li>
              ))}
            </ul>
          )}
          <p className="font-medium">Tax mismatches (tax ≠ rate × subtotal to the cent): {data.taxMismatches.length}</p>
          {data.taxMismatches.length > 0 && (
            <ul className="max-h-40 list-disc overflow-auto pl-5">
              {data.taxMismatches.map((m) => (
                <li key={m.legacyId}>
                  {m.number ?? m.legacyId}: tax {m.tax} on {m.subtotal} (mapped to {m.ratePercent ?? "?"}%)
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
