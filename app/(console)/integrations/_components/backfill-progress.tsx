"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { useTRPC } from "@/lib/trpc/react";
import { formatRelative } from "@/lib/utils";

const STATE: Record<string, { label: string; variant: "info" | "success" | "danger" }> = {
  RUNNING: { label: "Running", variant: "info" },
  SUCCEEDED: { label: "Finished", variant: "success" },
  FAILED: { label: "Failed", variant: "danger" },
};

/**
 * The onboarding backfill of a connection (started when it is created or
 * enabled): existing customers pushed, each matched to a CRM record with the
 * same key or e-mail before one is created, then a first pull. Polls while it
 * runs; shows why customers that did not make it failed.
 */
export function BackfillProgress({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const progress = useQuery({
    ...trpc.crm.connections.backfill.queryOptions({ id: connectionId }),
    refetchInterval: (q) => (q.state.data?.running ? 2000 : false),
  });
  const p = progress.data;
  if (!p?.push) return null;
  const { push, pull } = p;
  const state = STATE[push.status] ?? STATE.RUNNING!;
  return (
    <Card aria-labelledby="backfill-title">
      <CardHeader>
        <CardTitle as="h2" id="backfill-title" className="flex flex-wrap items-center gap-2">
          Initial sync of existing customers <Badge variant={state.variant}>{state.label}</Badge>
        </CardTitle>
        <CardDescription>
          Started {formatRelative(push.startedAt)}. Customers already in the CRM (same key or e-mail) are linked, never duplicated; the rest are created.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <Progress
          label="Customers pushed"
          value={push.total ? Math.round((Math.min(push.processed, push.total) / push.total) * 100) : push.status === "RUNNING" ? null : 100}
          valueText={push.total ? `${push.processed} of ${push.total}` : push.status === "RUNNING" ? "Starting" : "Nothing to push"}
        />
        <p data-testid="backfill-summary">
          {push.succeeded} synced · {push.failed} failed or waiting for a retry{push.message ? ` · ${push.message}` : ""}
        </p>
        {pull ? (
          <p data-testid="backfill-pull">
            First pull: {STATE[pull.status]?.label ?? pull.status}
            {pull.message ? ` · ${pull.message}` : ""}
          </p>
        ) : null}
        {push.status === "FAILED" ? <Alert variant="danger" title="The backfill stopped">{push.message ?? "The CRM could not be reached."}</Alert> : null}
        {p.problems.length ? (
          <Alert variant="warning" title={`${p.problems.length} customer${p.problems.length === 1 ? "" : "s"} not synced yet`}>
            <ul className="mt-1 flex flex-col gap-1">
              {p.problems.map((x) => (
                <li key={x.entityId} className="break-words">
                  <Link href={`/customers/${x.entityId}`} className="font-medium underline underline-offset-2">
                    {x.name ?? x.entityId}
                  </Link>
                  : {x.error ?? "no error recorded"} ({x.status === "DEAD" ? "gave up; retry it from the dead letter" : `attempt ${x.attempts}, retrying`})
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
