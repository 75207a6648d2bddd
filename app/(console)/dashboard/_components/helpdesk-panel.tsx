"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { DonutChart } from "@/components/charts/donut-chart";
import { LineChart } from "@/components/charts/line-chart";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard } from "@/components/ui/stat-card";
import { TICKET_PRIORITIES, TICKET_PRIORITY_INFO, TICKET_STATUSES, TICKET_STATUS_INFO } from "@/lib/helpdesk/constants";
import { useTRPC } from "@/lib/trpc/react";

function minutesText(minutes: number | null): string {
  if (minutes === null) return "—";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h ${m} min` : `${m} min`;
}

/** The dashboard's helpdesk section: open work by priority, breaches, median first response, and trends. */
export function HelpdeskPanel() {
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.helpdesk.tickets.stats.queryOptions(), refetchInterval: 60_000 });
  if (stats.isLoading) return <Skeleton className="h-72 w-full" />;
  if (!stats.data) return <p className="text-sm text-danger">Helpdesk figures could not be loaded.</p>;
  const s = stats.data;

  return (
    <section aria-labelledby="helpdesk-panel-title" className="space-y-4">
      <div className="flex items-baseline justify-between">
        <h2 id="helpdesk-panel-title" className="text-lg font-semibold">
          Helpdesk
        </h2>
        <Link href="/tickets" className="text-sm text-primary hover:underline">
          Open the ticket list
        </Link>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Open tickets" value={s.openTotal} hint={`${s.openByPriority.urgent} urgent, ${s.openByPriority.high} high`} />
        <StatCard
          label="SLA breached"
          value={<Link href="/tickets?sla=breached" className="hover:underline">{s.breachedOpen}</Link>}
          hint={`${s.atRiskOpen} more at risk`}
        />
        <StatCard label="Escalated (L2/L3)" value={s.escalatedOpen} hint="Open tickets above first line" />
        <StatCard label="Median first response" value={minutesText(s.medianFirstResponseMinutes)} hint={`Business time, tickets of the last ${s.windowDays} days`} />
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle as="h3">Open by priority</CardTitle>
          </CardHeader>
          <CardContent>
            <BarChart
              title="Open tickets by priority"
              categoryKey="priority"
              categoryLabel="Priority"
              data={[...TICKET_PRIORITIES].reverse().map((p) => ({ priority: TICKET_PRIORITY_INFO[p].label, open: s.openByPriority[p] }))}
              series={[{ key: "open", label: "Open tickets" }]}
              height={220}
            />
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle as="h3">Filed and breached per day</CardTitle>
          </CardHeader>
          <CardContent>
            <LineChart
              title={`Tickets filed and SLA breaches per day, last ${s.windowDays} days`}
              timeKey="day"
              data={s.daily.map((d) => ({ day: new Date(`${d.day}T00:00:00Z`), created: d.created, breaches: d.breaches }))}
              series={[
                { key: "created", label: "Filed" },
                { key: "breaches", label: "SLA breaches" },
              ]}
              height={220}
            />
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle as="h3">All tickets by status</CardTitle>
          </CardHeader>
          <CardContent>
            <DonutChart
              title="Tickets by status"
              data={TICKET_STATUSES.map((st) => ({ label: TICKET_STATUS_INFO[st].label, value: s.byStatus[st] }))}
              size={160}
            />
          </CardContent>
        </Card>
      </div>
    </section>
  );
}
