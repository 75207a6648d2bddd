"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Upload } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

/** "Run now" for a connection's push or pull, with the run's progress while it goes. */
export function RunNow({ connectionId, disabled }: { connectionId: string; disabled?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const run = useQuery({
    ...trpc.crm.sync.run.queryOptions({ id: runId ?? "" }),
    enabled: Boolean(runId),
    refetchInterval: (q) => (q.state.data?.status === "RUNNING" ? 700 : false),
  });
  const start = useMutation(
    trpc.crm.sync.runNow.mutationOptions({
      onSuccess: (r) => setRunId(r.id),
      onError: (e) => toast({ title: "Could not start", description: e.message, variant: "error" }),
    }),
  );
  const r = run.data;
  const done = r && r.status !== "RUNNING";
  if (done && runId) {
    // The figures around changed with the run.
    void queryClient.invalidateQueries({ queryKey: trpc.crm.sync.overview.pathKey() });
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" disabled={disabled} loading={start.isPending && start.variables?.kind === "PUSH"} onClick={() => start.mutate({ connectionId, kind: "PUSH" })}>
          <Upload aria-hidden /> Push now
        </Button>
        <Button variant="outline" size="sm" disabled={disabled} loading={start.isPending && start.variables?.kind === "PULL"} onClick={() => start.mutate({ connectionId, kind: "PULL" })}>
          <Download aria-hidden /> Pull now
        </Button>
      </div>
      {r ? (
        <div aria-live="polite" data-testid="run-progress">
          <Progress
            label={`${r.kind === "PUSH" ? "Push" : "Pull"} ${r.status === "RUNNING" ? "running" : r.status === "SUCCEEDED" ? "finished" : "failed"}`}
            value={r.status === "RUNNING" ? (r.total ? r.processed : null) : 1}
            max={r.status === "RUNNING" ? (r.total ?? 100) : 1}
            valueText={r.total ? `${r.processed} of ${r.total}` : `${r.processed} records`}
            tone={r.status === "FAILED" ? "danger" : "default"}
          />
          {r.message ? <p className="mt-1 text-xs text-muted-foreground">{r.message}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
