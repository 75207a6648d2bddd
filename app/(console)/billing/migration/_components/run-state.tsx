"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { formatRelative } from "@/lib/utils";

export type RunState = "running" | "stalled" | "completed" | "failed";
const VARIANT = { running: "info", stalled: "warning", completed: "success", failed: "danger" } as const;
export const RUN_STATES = ["running", "stalled", "completed", "failed"] as const;

/** Poll a run (or a page of runs) every second while any of them is still running. */
export const pollWhileRunning = (states: ReadonlyArray<RunState | undefined>) => (states.some((s) => s === "running") ? 1000 : false);

export function RunStateBadge({ state }: { state: RunState }) {
  return <Badge variant={VARIANT[state]}>{state}</Badge>;
}

/** The run-state filter of a run history. */
export function RunStateFilter({ value, onChange }: { value: RunState | ""; onChange: (state: RunState | "") => void }) {
  return (
    <label className="grid gap-1 text-sm">
      State
      <NativeSelect
        value={value}
        onChange={(e) => onChange(e.target.value as RunState | "")}
        options={[{ value: "", label: "Any state" }, ...RUN_STATES.map((s) => ({ value: s, label: s }))]}
      />
    </label>
  );
}

/** Resume for a failed or stalled run; nothing for others. */
export function ResumeButton({ state, pending, onResume, label }: { state: RunState; pending: boolean; onResume: () => void; label: string }) {
  if (state !== "failed" && state !== "stalled") return null;
  return (
    <Button size="sm" onClick={onResume} disabled={pending} aria-label={label}>
      Resume
    </Button>
  );
}

/** Why a run needs attention: its error, or that its worker stopped reporting (stalled). */
export function RunProblem({ run }: { run: { state: RunState; error: string | null; heartbeatAt: Date } }) {
  if (run.state === "stalled") {
    return (
      <Alert variant="warning">
        This run stopped reporting progress {formatRelative(run.heartbeatAt)} (its worker was probably stopped). Resume continues from the last row it finished;
        nothing is done twice.
      </Alert>
    );
  }
  return run.state === "failed" && run.error ? <Alert variant="danger">{run.error}</Alert> : null;
}
