"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { Progress } from "@/components/ui/progress";
import { formatRelative } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import { CursorPager } from "./cursor-pager";
import type { RouterOutputs } from "../../_components/router-types";

type Run = RouterOutputs["legacyBilling"]["imports"]["list"][number];
type Result = RouterOutputs["legacyBilling"]["imports"]["results"]["rows"][number];
const OUTCOMES = ["created", "updated", "unchanged", "skipped", "failed"] as const;

/** Dry run / import buttons, live progress, run history and one run's per-row results. */
export function ImportCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runs = useQuery({
    ...trpc.legacyBilling.imports.list.queryOptions(),
    // Poll only while a run is going.
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "running") ? 1000 : false),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number] | "">("");
  const [cursors, setCursors] = useState<string[]>([]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.legacyBilling.imports.pathKey() });
  const start = useMutation(trpc.legacyBilling.imports.start.mutationOptions({ onSuccess: (r) => (setSelected(r.runId), refresh()) }));
  const resume = useMutation(trpc.legacyBilling.imports.resume.mutationOptions({ onSuccess: () => refresh() }));
  const runId = selected ?? runs.data?.[0]?.id ?? null;
  const results = useQuery({
    ...trpc.legacyBilling.imports.results.queryOptions({ runId: runId ?? "", outcome: outcome || undefined, cursor: cursors.at(-1) }),
    enabled: Boolean(runId),
  });
  const current = runs.data?.find((r) => r.id === runId) ?? null;

  const runColumns: DataTableColumn<Run>[] = [
    { id: "when", header: "Started", cell: (r) => formatRelative(r.startedAt) },
    { id: "mode", header: "Mode", cell: (r) => (r.dryRun ? "Dry run" : "Live") },
    { id: "status", header: "Status", cell: (r) => <Badge variant={r.status === "failed" ? "danger" : r.status === "running" ? "info" : "success"}>{r.status}</Badge> },
    { id: "counts", header: "Created / updated / unchanged / skipped / failed", cell: (r) => `${r.created} / ${r.updated} / ${r.unchanged} / ${r.skipped} / ${r.failed}` },
    {
      id: "open",
      header: "",
      cell: (r) => (
        <div className="flex gap-2">
          <Button size="sm" variant="outline" onClick={() => (setSelected(r.id), setCursors([]))} aria-label={`Show rows of the run started ${formatRelative(r.startedAt)}`}>
            Rows
          </Button>
          {r.status === "failed" ? (
            <Button size="sm" onClick={() => resume.mutate({ id: r.id })}>
              Resume
            </Button>
          ) : null}
        </div>
      ),
    },
  ];
  const resultColumns: DataTableColumn<Result>[] = [
    { id: "entity", header: "Kind", cell: (r) => r.entity },
    { id: "label", header: "Row", cell: (r) => r.label, className: "break-all" },
    { id: "outcome", header: "Outcome", cell: (r) => <Badge variant={r.outcome === "failed" ? "danger" : r.outcome === "skipped" ? "warning" : "secondary"}>{r.outcome}</Badge> },
    { id: "reason", header: "Reason", cell: (r) => r.reason ?? "" },
  ];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Shadow import</CardTitle>
        <CardDescription>
          Customers, plans (metric cpu_seconds, 0.0075 per started 3,600 s beyond the quota) and one subscription per deployment. Imported subscriptions are shadows: never
          rated, invoiced, charged, e-mailed or sent webhooks. A dry run writes nothing.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => start.mutate({ dryRun: true })} disabled={start.isPending}>
            Dry run
          </Button>
          <Button variant="outline" onClick={() => start.mutate({ dryRun: false })} disabled={start.isPending}>
            Import
          </Button>
        </div>
        {start.error ? <Alert variant="danger">{start.error.message}</Alert> : null}
        {resume.error ? <Alert variant="danger">{resume.error.message}</Alert> : null}
        {current ? (
          <Progress
            label={`${current.dryRun ? "Dry run" : "Import"}: ${current.status === "running" ? `importing ${current.phase}` : current.status}`}
            value={current.total ? current.processed : null}
            max={Math.max(current.total, 1)}
            valueText={`${current.processed} of ${current.total} rows`}
            tone={current.status === "failed" ? "danger" : current.status === "completed" ? "success" : "default"}
          />
        ) : null}
        {current?.error ? <Alert variant="danger">{current.error}</Alert> : null}
        <DataTable
          label="Import runs"
          columns={runColumns}
          rows={runs.data ?? []}
          getRowId={(r) => r.id}
          loading={runs.isLoading}
          empty={<EmptyState title="No runs yet" description="Connect the legacy database, then start with a dry run." />}
        />
        {runId ? (
          <section aria-label="Rows of the selected run" className="grid gap-2">
            <div className="flex flex-wrap items-end gap-2">
              <label className="grid gap-1 text-sm">
                Outcome
                <NativeSelect
                  value={outcome}
                  onChange={(e) => (setOutcome(e.target.value as typeof outcome), setCursors([]))}
                  options={[{ value: "", label: "All" }, ...OUTCOMES.map((o) => ({ value: o, label: o }))]}
                />
              </label>
            </div>
            <DataTable label="Import rows" columns={resultColumns} rows={results.data?.rows ?? []} getRowId={(r) => r.id} loading={results.isLoading} />
            <CursorPager cursors={cursors} nextCursor={results.data?.nextCursor} onChange={setCursors} />
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}
