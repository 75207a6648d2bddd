"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LineChart } from "@/components/charts/line-chart";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard } from "@/components/ui/stat-card";
import { formatNumber } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

const RANGES = [
  { value: "1", label: "Last 24 hours" },
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
];

/** Sign-in successes and failures over time, with the totals of the range. */
export function LoginChart() {
  const trpc = useTRPC();
  const [days, setDays] = useState<1 | 7 | 30 | 90>(7);
  const series = useQuery(trpc.audit.events.series.queryOptions({ days }));
  const points = series.data?.points ?? [];
  const successes = points.reduce((n, p) => n + p.successes, 0);
  const failures = points.reduce((n, p) => n + p.failures, 0);
  const range = RANGES.find((r) => r.value === String(days))?.label.toLowerCase();

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_16rem]">
      <Card className="min-w-0">
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>Sign-ins over time</CardTitle>
          <NativeSelect
            aria-label="Time range"
            className="w-44"
            value={String(days)}
            onChange={(e) => setDays(Number(e.target.value) as 1 | 7 | 30 | 90)}
            options={RANGES}
          />
        </CardHeader>
        <CardContent>
          {series.isLoading ? (
            <Skeleton className="h-[240px] w-full" />
          ) : (
            <LineChart
              title="Sign-in successes and failures"
              description={`Per ${series.data?.bucket ?? "day"}, ${range}, in UTC.`}
              data={points.map((p) => ({ at: p.at, successes: p.successes, failures: p.failures }))}
              timeKey="at"
              timeFormat={days === 1 ? "time" : "date"}
              height={240}
              series={[
                { key: "successes", label: "Successes", color: "var(--color-success)" },
                { key: "failures", label: "Failures", color: "var(--color-danger)" },
              ]}
            />
          )}
        </CardContent>
      </Card>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-1">
        <StatCard label="Successful sign-ins" value={series.data ? formatNumber(successes) : "…"} hint={range} />
        <StatCard label="Failed sign-ins" value={series.data ? formatNumber(failures) : "…"} hint={range} />
      </div>
    </div>
  );
}
