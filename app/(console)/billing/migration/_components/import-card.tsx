"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { Progress } from "@/components/ui/progress";
import { formatRelative } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "../../_components/router-types";
import { CursorPager } from "./cursor-pager";
import { ImportRows } from "./import-rows";
import { pollWhileRunning, ResumeButton, RunProblem, RunStateBadge, RunStateFilter, type RunState } from "./run-state";

type Run = RouterOutputs["legacyBilling"]["imports"]["list"]["rows"][number];

/** Dry run / import buttons, live progress, paged run history (resume failed or stalled runs) and one run's per-row results. */
export function ImportCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<RunState | "">("");
  const [mode, setMode] = useState<"" | "dry" | "live">("");
  const [cursors, setCursors] = useState<string[]>([]);
  const runs = useQuery({
    ...trpc.legacyBilling.imports.list.queryOptions({ state: state || undefined, mode: mode || undefined, cursor: cursors.at(-1) }),
    refetchInterval: (q) => pollWhileRunning(q.state.data?.rows.map((r) => r.state) ?? []),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const runId = selected ?? runs.data?.rows[0]?.id ?? null;
  const current = useQuery({
    ...trpc.legacyBilling.imports.get.queryOptions({ id: runId ?? "" }),
    enabled: Boolean(runId),
    refetchInterval: (q) => pollWhileRunning([q.state.data?.state]),
  }).data;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.legacyBilling.imports.pathKey() });
  const start = useMutation(trpc.legacyBilling.imports.start.mutationOptions({ onSuccess: (r) => (setSelected(r.runId), setCursors([]), refresh()) }));
  const resume = useMutation(trpc.legacyBilling.imports.resume.mutationOptions({ onSuccess: (r) => (setSelected(r.runId), refresh()) }));
  const label = (r: Run) => `${r.dryRun ? "dry run" : "import"} started ${formatRelative(r.startedAt)}`;

  const runColumns: DataTableColumn<Run>[] = [
    { id: "when", header: "Started", cell: (r) => formatRelative(r.startedAt) },
    { id: "mode", header: "Mode", cell: (r) => (r.dryRun ? "Dry run" : "Live") },
    { id: "status", header: "State", cell: (r) => <RunStateBadge state={r.state} /> },
    { id: "progress", header: "Rows", align: "end", cell: (r) => `${r.processed} / ${r.total}` },
    { id: "counts", header: "Created / updated / unchanged / skipped / failed", cell: (r) => `${r.created} / ${r.updated} / ${r.unchanged} / ${r.skipped} / ${r.failed}` },
    {
      id: "open",
      header: <span className="sr-only">Actions</span>,
      cell: (r) => (
        <div className="flex gap-2">
          <Button size="sm" variant="outline" onClick={() => setSelected(r.id)} aria-label={`Show rows of the ${label(r)}`}>
            Rows
          </Button>
          <ResumeButton state={r.state} pending={resume.isPending} onResume={() => resume.mutate({ id: r.id })} label={`Resume the ${label(r)}`} />
        </div>
      ),
    },
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
          <>
            <Progress
              label={`${current.dryRun ? "Dry run" : "Import"}: ${current.state === "running" ? `importing ${current.phase}` : current.state}`}
              value={current.total ? current.processed : null}
              max={Math.max(current.total, 1)}
              valueText={`${current.processed} of ${current.total} rows`}
              tone={current.state === "failed" ? "danger" : current.state === "completed" ? "success" : "default"}
            />
            <RunProblem run={current} />
          </>
        ) : null}
        <section aria-label="Import runs" className="grid gap-2">
          <div className="flex flex-wrap items-end gap-2">
            <RunStateFilter value={state} onChange={(s) => (setState(s), setCursors([]))} />
            <label className="grid gap-1 text-sm">
              Mode
              <NativeSelect
                value={mode}
                onChange={(e) => (setMode(e.target.value as typeof mode), setCursors([]))}
                options={[
                  { value: "", label: "Dry runs and imports" },
                  { value: "dry", label: "Dry runs" },
                  { value: "live", label: "Imports" },
                ]}
              />
            </label>
          </div>
          <DataTable
            label="Import runs"
            columns={runColumns}
            rows={runs.data?.rows ?? []}
            getRowId={(r) => r.id}
            loading={runs.isLoading}
            empty={
              state || mode ? (
                <EmptyState title="No runs match" description="Clear the filters to see every run." />
              ) : (
                <EmptyState title="No runs yet" description="Connect the legacy database, then start with a dry run." />
              )
            }
          />
          <CursorPager cursors={cursors} nextCursor={runs.data?.nextCursor} onChange={setCursors} />
        </section>
        {runId ? <ImportRows key={runId} runId={runId} live={current?.state === "running"} /> : null}
      </CardContent>
    </Card>
  );
}
