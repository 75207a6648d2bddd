"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard } from "@/components/ui/stat-card";
import { useTRPC } from "@/lib/trpc/react";
import { formatNumber, formatRelative } from "@/lib/utils";
import { BackfillProgress } from "./backfill-progress";
import { entityLabel } from "./entity-labels";
import { RunNow } from "./run-now";

const STATES = [
  { key: "PENDING", label: "Waiting" },
  { key: "PROCESSING", label: "Running" },
  { key: "FAILED", label: "Retrying" },
  { key: "DEAD", label: "Dead letter" },
  { key: "SUCCEEDED", label: "Done" },
] as const;

/** Queue depth, throughput and failures, last pull and push: for one connection or all of them. */
export function SyncOverview({ connectionId }: { connectionId?: string }) {
  const trpc = useTRPC();
  const overview = useQuery({ ...trpc.crm.sync.overview.queryOptions({ connectionId }), refetchInterval: 4000 });
  if (overview.isLoading) return <Skeleton className="h-64" />;
  const o = overview.data;
  if (!o) return <p role="alert">{overview.error?.message}</p>;
  return (
    <div className="flex flex-col gap-6">
      {connectionId ? <BackfillProgress connectionId={connectionId} /> : null}
      <div className="grid grid-cols-2 gap-4 md:grid-cols-5">
        {STATES.map((s) => (
          <StatCard key={s.key} label={s.label} value={formatNumber(o.depth[s.key])} data-testid={`depth-${s.key}`} />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Throughput and failures</CardTitle>
          </CardHeader>
          <CardContent>
            <LineChart
              title="Records pushed and failed CRM calls per hour"
              description="Last 24 hours"
              data={o.series}
              timeKey="hour"
              timeFormat="time"
              series={[
                { key: "pushed", label: "Records pushed" },
                { key: "failedCalls", label: "Failed calls", color: "var(--color-danger)" },
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Queue by state</CardTitle>
          </CardHeader>
          <CardContent>
            <BarChart
              title="Queue items by state"
              data={STATES.filter((s) => s.key !== "SUCCEEDED").map((s) => ({ state: s.label, items: o.depth[s.key] }))}
              categoryKey="state"
              series={[{ key: "items", label: "Items" }]}
            />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">By kind of record</CardTitle>
        </CardHeader>
        <CardContent>
          {o.entities.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing queued in the last 24 hours.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="entity-counts">
                <caption className="sr-only">Queue items by kind of record</caption>
                <thead className="text-left text-muted-foreground">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Record</th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">Waiting</th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">Retrying</th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">Dead letter</th>
                    <th scope="col" className="py-2 text-right font-medium">Done (24 h)</th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {o.entities.map((e) => (
                    <tr key={e.entity}>
                      <th scope="row" className="py-2 pr-4 text-left font-normal">{entityLabel(e.entity)}</th>
                      <td className="py-2 pr-4 text-right tabular-nums">
                        {formatNumber(e.pending + e.processing)}
                        {e.waiting ? <span className="text-muted-foreground"> ({formatNumber(e.waiting)} on another record)</span> : null}
                      </td>
                      <td className="py-2 pr-4 text-right tabular-nums">{formatNumber(e.failed)}</td>
                      <td className={e.dead ? "py-2 pr-4 text-right tabular-nums text-danger" : "py-2 pr-4 text-right tabular-nums"}>{formatNumber(e.dead)}</td>
                      <td className="py-2 text-right tabular-nums">{formatNumber(e.succeeded24h)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">{connectionId ? "Last sync" : "Connections"}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="flex flex-col divide-y">
            {o.connections.map((c) => (
              <li key={c.id} className="flex flex-col gap-3 py-3 md:flex-row md:items-start md:justify-between">
                <div className="flex min-w-0 flex-col gap-1 text-sm">
                  <span className="flex flex-wrap items-center gap-2">
                    {connectionId ? (
                      <span className="font-medium">{c.name}</span>
                    ) : (
                      <Link href={`/integrations/${c.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
                        {c.name}
                      </Link>
                    )}
                    <Badge variant={c.enabled ? "success" : "secondary"}>{c.enabled ? "Enabled" : "Disabled"}</Badge>
                    {c.depth.DEAD ? <Badge variant="danger">{c.depth.DEAD} dead</Badge> : null}
                    {c.openConflicts ? <Badge variant="warning">{c.openConflicts} conflicts</Badge> : null}
                  </span>
                  <span className="text-muted-foreground">
                    Last push {c.lastPushAt ? formatRelative(c.lastPushAt) : "never"} · last pull {c.lastPullAt ? formatRelative(c.lastPullAt) : "never"}
                    {c.pullIntervalMinutes ? ` · pulls every ${c.pullIntervalMinutes} min` : " · pulls on demand"}
                  </span>
                  {c.lastPullError ? <span className="text-xs text-danger">Last pull failed: {c.lastPullError}</span> : null}
                </div>
                <RunNow connectionId={c.id} disabled={!c.enabled} />
              </li>
            ))}
            {o.connections.length === 0 ? <li className="py-3 text-sm text-muted-foreground">No connections yet.</li> : null}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
