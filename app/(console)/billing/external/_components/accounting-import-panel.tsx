"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/use-toast";
import { formatDateTime } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

/**
 * The Ascora connections billing imports from, each with its last import and
 * "Pull now", and the records the import refused or holds back (they stay
 * unmarked in Ascora and come back once fixed there).
 */
export function AccountingImportPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connections = useQuery(trpc.billing.external.connections.queryOptions());
  const issues = useQuery(trpc.billing.external.issues.queryOptions({ open: true, page: 1, pageSize: 50 }));
  const [runId, setRunId] = useState<string | null>(null);
  const run = useQuery({
    ...trpc.billing.external.run.queryOptions({ id: runId ?? "" }),
    enabled: Boolean(runId),
    refetchInterval: (q) => (q.state.data?.status === "RUNNING" ? 700 : false),
  });
  const pull = useMutation(
    trpc.billing.external.pullNow.mutationOptions({
      onSuccess: (r) => setRunId(r.id),
      onError: (e) => toast({ title: "Could not start the import", description: e.message, variant: "error" }),
    }),
  );
  const finished = run.data && run.data.status !== "RUNNING";
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.billing.external.pathKey() });
  }, [finished, queryClient, trpc]);

  if (connections.data && connections.data.length === 0) {
    return (
      <Alert variant="info" title="No Ascora connection">
        Add one under <Link href="/integrations/new" className="underline">Integrations</Link> to import its invoices and payments.
      </Alert>
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle as="h2">Import from Ascora</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {(connections.data ?? []).map((c) => (
            <div key={c.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border p-3">
              <div className="min-w-0">
                <div className="font-medium">{c.name}</div>
                <div className="text-xs text-muted-foreground">
                  {c.lastRun ? `${formatDateTime(c.lastRun.startedAt)} · ${c.lastRun.message ?? c.lastRun.status}` : "Not imported yet"}
                </div>
              </div>
              <Button
                variant="outline"
                size="sm"
                disabled={!c.enabled}
                loading={pull.isPending && pull.variables?.connectionId === c.id}
                onClick={() => pull.mutate({ connectionId: c.id })}
              >
                <Download aria-hidden /> Pull now
              </Button>
            </div>
          ))}
          {run.data ? (
            <p aria-live="polite" data-testid="accounting-run" className="text-sm">
              {run.data.status === "RUNNING" ? "Importing…" : run.data.message}
            </p>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Not imported</CardTitle>
        </CardHeader>
        <CardContent>
          {issues.data && issues.data.rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">Every invoice and payment Ascora sent was imported.</p>
          ) : (
            <ul className="flex flex-col gap-2" aria-label="Records not imported">
              {(issues.data?.rows ?? []).map((i) => (
                <li key={i.id} className="flex gap-2 text-sm">
                  <TriangleAlert aria-hidden className={i.waiting ? "size-4 shrink-0 text-muted-foreground" : "size-4 shrink-0 text-danger"} />
                  <div className="min-w-0">
                    <div className="break-words">{i.reason}</div>
                    <div className="text-xs text-muted-foreground">
                      <Badge variant={i.waiting ? "info" : "danger"}>{i.waiting ? "Waiting" : "Rejected"}</Badge> seen {i.seenCount}× · last{" "}
                      {formatDateTime(i.lastSeenAt)}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
