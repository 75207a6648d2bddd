"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useMemo, useState } from "react";
import { BarChart } from "@/components/charts/bar-chart";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { formatDecimalHours } from "@/lib/hour-cards/format-minutes";
import { hoursReportCsv } from "@/lib/hour-cards/hours-report-csv";
import { useTRPC } from "@/lib/trpc/react";

function monthsAgo(n: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
}

/** Twelve months of hours used and bought: a bar chart of hours used per month, the table per customer, and a CSV. */
export function HoursReport() {
  const trpc = useTRPC();
  const [fromMonth, setFromMonth] = useState(() => monthsAgo(11));
  const report = useQuery(trpc.hourCards.report.queryOptions({ fromMonth, months: 12 }));
  const rows = useMemo(() => report.data?.rows ?? [], [report.data]);
  const chartData = useMemo(
    () => (report.data?.months ?? []).map((month) => ({ month, hours: rows.filter((r) => r.month === month).reduce((s, r) => s + r.usedMinutes, 0) / 60 })),
    [report.data, rows],
  );

  function download() {
    const url = URL.createObjectURL(new Blob([hoursReportCsv(rows)], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `hours-report-${fromMonth}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <FormField label="From month">
          <Input type="month" value={fromMonth} onChange={(e) => e.target.value && setFromMonth(e.target.value)} className="w-44" />
        </FormField>
        <Button variant="outline" size="sm" onClick={download} disabled={rows.length === 0}>
          <Download aria-hidden />
          Download CSV
        </Button>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Hours used per month</CardTitle>
        </CardHeader>
        <CardContent>
          <BarChart title="Hours used per month" data={chartData} categoryKey="month" categoryLabel="Month" series={[{ key: "hours", label: "Hours used" }]} valueFormatter={(v) => `${v.toFixed(2)} h`} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Per customer and month</CardTitle>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          {rows.length === 0 ? (
            <EmptyState title="No hours in these months" description="Time billed to cards and cards bought show here." />
          ) : (
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left">
                  <th className="py-2 pr-4">Month</th>
                  <th className="py-2 pr-4">Customer</th>
                  <th className="py-2 pr-4 text-right">Used</th>
                  <th className="py-2 text-right">Bought</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.month}-${r.customerId}`} className="border-b last:border-0">
                    <td className="py-2 pr-4">{r.month}</td>
                    <td className="py-2 pr-4">{r.customerName}</td>
                    <td className="py-2 pr-4 text-right">{formatDecimalHours(r.usedMinutes)}</td>
                    <td className="py-2 text-right">{formatDecimalHours(r.addedMinutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
