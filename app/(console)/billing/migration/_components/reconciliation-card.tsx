"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { BarChart } from "@/components/charts/bar-chart";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { useTRPC } from "@/lib/trpc/react";
import { CursorPager } from "./cursor-pager";
import type { RouterOutputs } from "../../_components/router-types";
import { FlipChecklist } from "./flip-checklist";
import { ReconciliationRowDetail } from "./reconciliation-row-detail";
import { ReconciliationRuns } from "./reconciliation-runs";

export type ReconRow = RouterOutputs["legacyBilling"]["reconciliation"]["list"]["rows"][number];
const STATUS_VARIANT = { match: "success", delta: "danger", resolved: "info" } as const;

/** The dual-run report: run a period (in the background, with progress), filter, chart of deltas, drill-down, CSV, sign-off. */
export function ReconciliationCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const periods = useQuery(trpc.legacyBilling.reconciliation.periods.queryOptions());
  const [period, setPeriod] = useState("");
  const [status, setStatus] = useState<"" | "match" | "delta" | "resolved">("");
  const [cursors, setCursors] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const filter = { period: period || undefined, status: status || undefined };
  const list = useQuery(trpc.legacyBilling.reconciliation.list.queryOptions({ ...filter, cursor: cursors.at(-1) }));
  const [runId, setRunId] = useState<string | null>(null);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.legacyBilling.reconciliation.pathKey() }), [queryClient, trpc]);
  const run = useMutation(trpc.legacyBilling.reconciliation.run.mutationOptions({ onSuccess: (r) => (setRunId(r.runId), refresh()) }));
  const signOff = useMutation(trpc.legacyBilling.reconciliation.signOff.mutationOptions({ onSuccess: () => refresh() }));

  async function downloadCsv() {
    const csv = await queryClient.fetchQuery(trpc.legacyBilling.reconciliation.csv.queryOptions(filter));
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    link.download = `reconciliation${period ? `-${period}` : ""}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  const columns: DataTableColumn<ReconRow>[] = [
    { id: "period", header: "Period", cell: (r) => r.period },
    { id: "customer", header: "Customer", cell: (r) => r.customerName },
    { id: "switchboard", header: "Switchboard", align: "end", cell: (r) => r.switchboardAmount },
    { id: "legacy", header: "Legacy subtotal", align: "end", cell: (r) => r.legacyAmount },
    { id: "delta", header: "Delta", align: "end", cell: (r) => r.delta },
    { id: "status", header: "Status", cell: (r) => <Badge variant={STATUS_VARIANT[r.status]}>{r.status}</Badge> },
    {
      id: "open",
      header: "",
      cell: (r) => (
        <Button size="sm" variant="outline" aria-expanded={openId === r.id} onClick={() => setOpenId(openId === r.id ? null : r.id)} aria-label={`Details of ${r.customerName} ${r.period}`}>
          {openId === r.id ? "Close" : "Details"}
        </Button>
      ),
    },
  ];
  const selected = list.data?.rows.find((r) => r.id === openId) ?? null;
  const periodSummary = periods.data?.find((p) => p.period === period) ?? null;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Dual-run reconciliation</CardTitle>
        <CardDescription>
          Per shadow subscription and period: the flat price plus CPU overage priced by Switchboard&apos;s rating, against the legacy invoices&apos; subtotal before tax.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-end gap-2">
          <label className="grid gap-1 text-sm">
            Period
            <NativeSelect
              value={period}
              onChange={(e) => (setPeriod(e.target.value), setCursors([]), setOpenId(null))}
              options={[{ value: "", label: "All periods" }, ...(periods.data ?? []).map((p) => ({ value: p.period, label: p.period }))]}
            />
          </label>
          <label className="grid gap-1 text-sm">
            Status
            <NativeSelect
              value={status}
              onChange={(e) => (setStatus(e.target.value as typeof status), setCursors([]))}
              options={[
                { value: "", label: "Any" },
                { value: "match", label: "Match" },
                { value: "delta", label: "Delta" },
                { value: "resolved", label: "Resolved" },
              ]}
            />
          </label>
          <Button onClick={() => run.mutate({ period: period || undefined })} disabled={run.isPending}>
            {period ? `Reconcile ${period}` : "Reconcile all periods"}
          </Button>
          <Button variant="outline" onClick={() => void downloadCsv()}>
            Download CSV
          </Button>
        </div>
        {run.error ? <Alert variant="danger">{run.error.message}</Alert> : null}
        <ReconciliationRuns selected={runId} onSelect={setRunId} onSettled={refresh} />
        {periods.data && periods.data.length > 0 ? (
          <BarChart
            title="Summed delta per period"
            description="Switchboard minus legacy, summed over every row of the period."
            data={periods.data.map((p) => ({ period: p.period, delta: Number(p.deltaSum) }))}
            categoryKey="period"
            categoryLabel="Period"
            series={[{ key: "delta", label: "Delta" }]}
            valueFormatter={(v) => v.toFixed(2)}
            height={200}
          />
        ) : null}
        <DataTable
          label="Reconciliation rows"
          columns={columns}
          rows={list.data?.rows ?? []}
          getRowId={(r) => r.id}
          loading={list.isLoading}
          empty={<EmptyState title="Nothing reconciled yet" description="Import, then reconcile a period." />}
        />
        <CursorPager cursors={cursors} nextCursor={list.data?.nextCursor} onChange={setCursors} />
        {selected ? <ReconciliationRowDetail row={selected} onChanged={refresh} /> : null}
        {period ? (
          <section aria-label={`Sign-off of ${period}`} className="grid gap-2 rounded-md border border-border p-4">
            {periodSummary?.signedOff ? (
              <p className="text-sm">
                Signed off by {periodSummary.signedOff.by} on {new Date(periodSummary.signedOff.at).toISOString().slice(0, 10)}.
              </p>
            ) : (
              <Button className="justify-self-start" onClick={() => signOff.mutate({ period })} disabled={signOff.isPending}>
                Sign off {period}
              </Button>
            )}
            {signOff.error ? <Alert variant="danger">{signOff.error.message}</Alert> : null}
            <FlipChecklist period={period} />
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}
