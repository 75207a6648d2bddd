"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Progress } from "@/components/ui/progress";
import { formatRelative } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "../../_components/router-types";
import { CursorPager } from "./cursor-pager";
import { pollWhileRunning, ResumeButton, RunProblem, RunStateBadge, RunStateFilter, type RunState } from "./run-state";

type Run = RouterOutputs["legacyBilling"]["reconciliation"]["runs"]["rows"][number];

function Outcome({ run }: { run: Run }) {
  if (run.state !== "completed") return null;
  return (
    <Alert variant={run.delta > 0 ? "warning" : "success"}>
      Reconciled {run.periods.join(", ") || "nothing"}: {run.match} match, {run.delta} delta, {run.resolved} resolved
      {run.notImported ? `; ${run.notImported} legacy subscriptions were not imported` : ""}.
    </Alert>
  );
}

/**
 * The selected reconciliation run's live progress and outcome, and the paged
 * run history with Resume on failed or stalled runs. `onSettled` fires when
 * the followed run stops running, so the report can refresh.
 */
export function ReconciliationRuns({ selected, onSelect, onSettled }: { selected: string | null; onSelect: (id: string) => void; onSettled: () => void }) {
  const trpc = useTRPC();
  const [state, setState] = useState<RunState | "">("");
  const [cursors, setCursors] = useState<string[]>([]);
  const runs = useQuery({
    ...trpc.legacyBilling.reconciliation.runs.queryOptions({ state: state || undefined, cursor: cursors.at(-1) }),
    refetchInterval: (q) => pollWhileRunning(q.state.data?.rows.map((r) => r.state) ?? []),
  });
  const runId = selected ?? runs.data?.rows[0]?.id ?? null;
  const current = useQuery({
    ...trpc.legacyBilling.reconciliation.getRun.queryOptions({ id: runId ?? "" }),
    enabled: Boolean(runId),
    refetchInterval: (q) => pollWhileRunning([q.state.data?.state]),
  });
  const resume = useMutation(trpc.legacyBilling.reconciliation.resume.mutationOptions({ onSuccess: (r) => (onSelect(r.runId), void current.refetch(), void runs.refetch()) }));
  const run = current.data ?? null;

  // Refresh the report once per run when it is seen no longer running (a fast run may never be seen running).
  const settled = useRef<string | null>(null);
  const refetchRuns = runs.refetch;
  useEffect(() => {
    if (!run || run.state === "running" || settled.current === run.id) return;
    settled.current = run.id;
    onSettled();
    void refetchRuns();
  }, [run, onSettled, refetchRuns]);

  const columns: DataTableColumn<Run>[] = [
    { id: "when", header: "Started", cell: (r) => formatRelative(r.startedAt) },
    { id: "period", header: "Period", cell: (r) => r.period ?? "All" },
    { id: "state", header: "State", cell: (r) => <RunStateBadge state={r.state} /> },
    { id: "progress", header: "Subscriptions", align: "end", cell: (r) => `${r.processed} / ${r.total}` },
    { id: "counts", header: "Match / delta / resolved", cell: (r) => `${r.match} / ${r.delta} / ${r.resolved}` },
    {
      id: "resume",
      header: <span className="sr-only">Actions</span>,
      cell: (r) => (
        <ResumeButton
          state={r.state}
          pending={resume.isPending}
          onResume={() => resume.mutate({ id: r.id })}
          label={`Resume the reconciliation started ${formatRelative(r.startedAt)}`}
        />
      ),
    },
  ];

  return (
    <div className="grid gap-4">
      {run ? (
        <>
          <Progress
            label={`Reconciliation${run.period ? ` of ${run.period}` : ""}: ${run.state === "running" ? "reconciling" : run.state}`}
            value={run.total ? run.processed : null}
            max={Math.max(run.total, 1)}
            valueText={`${run.processed} of ${run.total} subscriptions`}
            tone={run.state === "failed" ? "danger" : run.state === "completed" ? "success" : "default"}
          />
          <RunProblem run={run} />
          <Outcome run={run} />
        </>
      ) : null}
      {resume.error ? <Alert variant="danger">{resume.error.message}</Alert> : null}
      <details className="rounded-md border border-border p-3" open={runs.data?.rows.some((r) => r.state === "stalled" || r.state === "failed")}>
        <summary className="cursor-pointer text-sm font-medium">Reconciliation runs</summary>
        <div className="mt-3 grid gap-2">
          <RunStateFilter value={state} onChange={(s) => (setState(s), setCursors([]))} />
          <DataTable
            label="Reconciliation runs"
            columns={columns}
            rows={runs.data?.rows ?? []}
            getRowId={(r) => r.id}
            loading={runs.isLoading}
            empty={<EmptyState title={state ? "No runs match" : "No reconciliation runs yet"} description={state ? "Choose another state." : "Reconcile a period to start one."} />}
          />
          <CursorPager cursors={cursors} nextCursor={runs.data?.nextCursor} onChange={setCursors} />
        </div>
      </details>
    </div>
  );
}
