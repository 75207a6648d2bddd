"use client";

import { useQuery } from "@tanstack/react-query";
import { BarChart } from "@/components/charts/bar-chart";
import { DonutChart } from "@/components/charts/donut-chart";
import { LineChart } from "@/components/charts/line-chart";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard } from "@/components/ui/stat-card";
import { formatMoney, formatNumber } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import { statusLabel } from "./status-badge";

/** The billing overview: money owed and collected, subscription health, usage intake, webhook health. */
export function BillingDashboard() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.billing.dashboard.overview.queryOptions());
  if (overview.isLoading) return <Skeleton className="h-96 w-full" />;
  if (overview.error || !overview.data) {
    return <Alert variant="danger" title="The overview could not be loaded">{overview.error?.message}</Alert>;
  }
  const o = overview.data;
  const money = (amount: string) => formatMoney(amount, o.currency);
  // Charts plot numbers; the figures people read stay exact decimal strings.
  const chartMoney = (value: number) => formatMoney(value.toFixed(2), o.currency);
  return (
    <div className="space-y-6">
      {o.deadWebhooks > 0 || o.uncollectible > 0 ? (
        <Alert variant="warning" title="Needs attention">
          {o.uncollectible > 0 ? `${o.uncollectible} uncollectible invoice(s). ` : ""}
          {o.deadWebhooks > 0 ? `${o.deadWebhooks} webhook delivery(ies) gave up; resend them from Webhooks.` : ""}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard label="Outstanding" value={money(o.outstanding)} hint="Still owed on open invoices" />
        <StatCard label="Collected (30 days)" value={money(o.collected30d)} hint="Card payments less refunds" />
        <StatCard label="Running periods" value={money(o.draftTotal)} hint="Draft invoices so far, tax included" />
        <StatCard
          label="Subscriptions"
          value={formatNumber(o.subscriptions.active + o.subscriptions.past_due + o.subscriptions.paused)}
          hint={`${o.subscriptions.past_due} past due · ${o.subscriptions.cancelled} ending · ${o.subscriptions.terminated} ended`}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Invoiced and collected per month</CardTitle>
          </CardHeader>
          <CardContent>
            <BarChart
              title="Invoiced and collected per month"
              description={`Issued invoice totals and collected payments per month, in ${o.currency}.`}
              data={o.revenueByMonth.map((m) => ({ month: m.month, invoiced: Number(m.invoiced), collected: Number(m.collected) }))}
              categoryKey="month"
              categoryLabel="Month"
              series={[
                { key: "invoiced", label: "Invoiced" },
                { key: "collected", label: "Collected" },
              ]}
              valueFormatter={chartMoney}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Usage counters received per day</CardTitle>
          </CardHeader>
          <CardContent>
            <LineChart
              title="Usage counters received per day"
              description="How many usage counters the source apps pushed each day (last 14 days)."
              data={o.usageByDay}
              timeKey="day"
              series={[{ key: "counters", label: "Counters" }]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Invoices by state</CardTitle>
          </CardHeader>
          <CardContent>
            <DonutChart
              title="Invoices by state"
              data={o.invoicesByStatus.map((s) => ({ label: statusLabel(s.status), value: s.count }))}
              centerLabel={formatNumber(o.invoicesByStatus.reduce((n, s) => n + s.count, 0))}
              centerCaption="invoices"
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Outbound webhooks</CardTitle>
          </CardHeader>
          <CardContent className="space-y-2 text-sm">
            <p>
              <span className="font-semibold tabular-nums">{formatNumber(o.failedWebhooks)}</span> waiting for a retry
            </p>
            <p>
              <span className="font-semibold tabular-nums">{formatNumber(o.deadWebhooks)}</span> dead-lettered after the last attempt
            </p>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
