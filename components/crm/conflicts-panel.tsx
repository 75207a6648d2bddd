"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { GitMerge } from "lucide-react";

export interface ConflictView {
  id: string;
  connectionName: string;
  recordLabel: string;
  entityId: string;
  field: string;
  remoteField: string;
  localValue: string | null;
  remoteValue: string | null;
  baseValue: string | null;
  detectedAt: Date | string;
}

function Value({ v }: { v: string | null }) {
  return v === null || v === "" ? <span className="text-muted-foreground">(empty)</span> : <span className="break-words">{v}</span>;
}

/** Open conflicts, each settled on its own: keep Switchboard's value, take the CRM's, or type a merged one. */
export function ConflictsPanel({ conflicts, showRecord = true }: { conflicts: readonly ConflictView[]; showRecord?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [merging, setMerging] = useState<string | null>(null);
  const [merged, setMerged] = useState("");
  const resolve = useMutation(
    trpc.crm.sync.resolveConflict.mutationOptions({
      onSuccess: () => {
        toast({ title: "Conflict resolved", variant: "success" });
        setMerging(null);
        void queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() });
      },
      onError: (e) => toast({ title: "Could not resolve", description: e.message, variant: "error" }),
    }),
  );
  if (conflicts.length === 0) {
    return <EmptyState icon={GitMerge} title="No open conflicts" description="Fields changed on both sides appear here when their rule asks a person." />;
  }
  return (
    <ul className="flex flex-col gap-3" aria-label="Open conflicts">
      {conflicts.map((c) => (
        <li key={c.id} className="rounded-lg border p-4" data-testid="conflict">
          <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
            {showRecord ? <a href={`/customers/${c.entityId}`} className="font-medium text-primary underline-offset-2 hover:underline">{c.recordLabel}</a> : null}
            <Badge variant="outline">{c.field}</Badge>
            <span className="text-muted-foreground">
              {c.connectionName} · {c.remoteField} · found {formatDateTime(c.detectedAt)}
            </span>
          </div>
          <dl className="grid gap-2 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs text-muted-foreground">Switchboard</dt>
              <dd><Value v={c.localValue} /></dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">CRM</dt>
              <dd><Value v={c.remoteValue} /></dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Before both changes</dt>
              <dd><Value v={c.baseValue} /></dd>
            </div>
          </dl>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" variant="outline" loading={resolve.isPending && resolve.variables?.conflictId === c.id && resolve.variables.choice === "local"} onClick={() => resolve.mutate({ conflictId: c.id, choice: "local" })}>
              Keep Switchboard&apos;s
            </Button>
            <Button size="sm" variant="outline" loading={resolve.isPending && resolve.variables?.conflictId === c.id && resolve.variables.choice === "remote"} onClick={() => resolve.mutate({ conflictId: c.id, choice: "remote" })}>
              Take the CRM&apos;s
            </Button>
            <Button size="sm" variant="ghost" onClick={() => { setMerging(c.id); setMerged(c.localValue ?? ""); }}>
              Merge…
            </Button>
          </div>
          {merging === c.id ? (
            <form
              className="mt-3 flex flex-col gap-2 sm:flex-row"
              onSubmit={(e) => {
                e.preventDefault();
                resolve.mutate({ conflictId: c.id, choice: "merge", mergedValue: merged });
              }}
            >
              <Input aria-label={`Merged value of ${c.field}`} value={merged} onChange={(e) => setMerged(e.target.value)} className="sm:max-w-sm" />
              <Button size="sm" type="submit" loading={resolve.isPending}>Save merged value</Button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
