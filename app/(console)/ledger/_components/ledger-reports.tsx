"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { BarChart } from "@/components/charts/bar-chart";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DateInput } from "@/components/ui/date-input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { FAMILY_LABEL as FAMILY_LABELS, LEDGER_FAMILIES as FAMILIES } from "@/lib/ledger/families";

const today = () => new Date().toISOString().slice(0, 10);
const yearStart = () => `${new Date().getUTCFullYear() - 1}-01-01`;
const BUCKETS = [["current", "0–30 days"], ["d31_60", "31–60"], ["d61_90", "61–90"], ["over90", "Over 90"]] as const;

/** Trial balance, income by family and month, receivables ageing and the CSV export. */
export function LedgerReports() {
  const trpc = useTRPC();
  const [asOf, setAsOf] = useState(today());
  const [from, setFrom] = useState(yearStart());
  const [to, setTo] = useState(today());
  const tb = useQuery(trpc.ledger.reports.trialBalance.queryOptions({ asOf }));
  const income = useQuery(trpc.ledger.reports.incomeByFamily.queryOptions({ from, to }, { enabled: from <= to }));
  const ageing = useQuery(trpc.ledger.reports.ageing.queryOptions({ asOf }));
  const csv = useMutation(
    trpc.ledger.reports.exportCsv.mutationOptions({
      onSuccess: (text) => {
        const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = `journal-entries-${from}-to-${to}.csv`;
        a.click();
        URL.revokeObjectURL(url);
      },
      onError: (e) => toast({ title: "Export failed", description: e.message, variant: "error" }),
    }),
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <Label htmlFor="ledger-as-of">As of</Label>
          <DateInput id="ledger-as-of" value={asOf} onValueChange={(v) => v && setAsOf(v)} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="ledger-from">Income from</Label>
          <DateInput id="ledger-from" value={from} onValueChange={(v) => v && setFrom(v)} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="ledger-to">to</Label>
          <DateInput id="ledger-to" value={to} onValueChange={(v) => v && setTo(v)} />
        </div>
        <Button variant="outline" disabled={from > to} loading={csv.isPending} onClick={() => csv.mutate({ from, to })}>
          Export journal entries (CSV)
        </Button>
      </div>
      {from > to && <p role="alert" className="text-danger text-sm">The start date must not be after the end date.</p>}

      <Card>
        <CardHeader>
          <CardTitle>Trial balance</CardTitle>
        </CardHeader>
        <CardContent>
          <Table aria-label="Trial balance">
            <TableHeader>
              <TableRow>
                <TableHead>Account</TableHead>
                <TableHead className="text-right">Debit</TableHead>
                <TableHead className="text-right">Credit</TableHead>
                <TableHead className="text-right">Balance</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tb.data?.rows.map((r) => (
                <TableRow key={r.code}>
                  <TableCell>{r.code} {r.name}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.debit}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.credit}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.balance}</TableCell>
                </TableRow>
              ))}
              {tb.data && (
                <TableRow className="font-semibold">
                  <TableCell>Total</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="tb-total-debit">{tb.data.totalDebit}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="tb-total-credit">{tb.data.totalCredit}</TableCell>
                  <TableCell />
                </TableRow>
              )}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Income by family and month</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          {income.data && income.data.length === 0 ? (
            <p className="text-muted-foreground text-sm">No posted income in this range yet.</p>
          ) : (
            <>
              <BarChart
                title="Income by family and month"
                data={(income.data ?? []).map((m) => ({ month: m.month, ...Object.fromEntries(FAMILIES.map((f) => [f, Number(m.byFamily[f])])) }))}
                categoryKey="month"
                categoryLabel="Month"
                series={FAMILIES.map((f) => ({ key: f, label: FAMILY_LABELS[f] }))}
                stacked
              />
              <Table aria-label="Income by family and month">
                <TableHeader>
                  <TableRow>
                    <TableHead>Month</TableHead>
                    {FAMILIES.map((f) => <TableHead key={f} className="text-right">{FAMILY_LABELS[f]}</TableHead>)}
                    <TableHead className="text-right">Total</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {income.data?.map((m) => (
                    <TableRow key={m.month}>
                      <TableCell>{m.month}</TableCell>
                      {FAMILIES.map((f) => <TableCell key={f} className="text-right tabular-nums">{m.byFamily[f]}</TableCell>)}
                      <TableCell className="text-right tabular-nums">{m.total}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Receivables ageing</CardTitle>
        </CardHeader>
        <CardContent>
          {ageing.data && ageing.data.rows.length === 0 ? (
            <p className="text-muted-foreground text-sm">Nothing is owed as of this date.</p>
          ) : (
            <Table aria-label="Receivables ageing">
              <TableHeader>
                <TableRow>
                  <TableHead>Customer</TableHead>
                  {BUCKETS.map(([k, label]) => <TableHead key={k} className="text-right">{label}</TableHead>)}
                  <TableHead className="text-right">Total</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {ageing.data?.rows.map((r) => (
                  <TableRow key={r.partner}>
                    <TableCell>{r.partner}</TableCell>
                    {BUCKETS.map(([k]) => <TableCell key={k} className="text-right tabular-nums">{r.buckets[k]}</TableCell>)}
                    <TableCell className="text-right tabular-nums">{r.total}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
