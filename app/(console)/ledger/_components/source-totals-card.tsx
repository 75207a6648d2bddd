"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/react";

/** What Switchboard's own billing and Ascora have posted: entries and their effect on receivables and income. */
export function SourceTotalsCard() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.ledger.sources.overview.queryOptions());
  const sources = overview.data?.sources ?? [];
  const posted = sources.reduce((n, s) => n + s.entries, 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Switchboard and Ascora documents</CardTitle>
        <CardDescription>
          Issued invoices, payments, refunds, credit notes and voids from Switchboard&apos;s billing, and invoices and payments pulled from Ascora, post
          here on their own within a minute{overview.data ? ` (in ${overview.data.currency})` : ""}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {overview.isLoading ? (
          <p className="text-muted-foreground text-sm">Loading…</p>
        ) : posted === 0 ? (
          <p className="text-muted-foreground text-sm">Nothing posted from Switchboard or Ascora yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <Table aria-label="Posted by source">
              <TableHeader>
                <TableRow>
                  <TableHead>Source</TableHead>
                  <TableHead className="text-right">Entries</TableHead>
                  <TableHead className="text-right">Receivables (net)</TableHead>
                  <TableHead className="text-right">Income (net)</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {sources.map((s) => (
                  <TableRow key={s.kind}>
                    <TableCell>{s.label}</TableCell>
                    <TableCell className="text-right tabular-nums">{s.entries}</TableCell>
                    <TableCell className="text-right tabular-nums">{s.receivables}</TableCell>
                    <TableCell className="text-right tabular-nums">{s.income}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
