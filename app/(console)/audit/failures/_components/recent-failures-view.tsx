"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { BlockAddressButton, LoginActions } from "@/components/people/audit-actions";
import { LoginEventsTable } from "@/components/audit/login-events-table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { formatDateTime, formatNumber, formatRelative } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

/** Failed sign-ins of the last 24 hours: totals, top logins and addresses, and the attempts. */
export function RecentFailuresView() {
  const trpc = useTRPC();
  // Fixed when the page opens, so paging does not shift under the reader.
  const [since] = useState(() => new Date(Date.now() - 24 * 3_600_000));
  const [page, setPage] = useState(1);
  const summary = useQuery(trpc.audit.events.recentFailures.queryOptions());
  const list = useQuery(trpc.audit.events.list.queryOptions({ result: "FAILURE", kind: "SIGN_IN", from: since, page, pageSize: 25 }));
  const data = summary.data;

  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <StatCard label="Failed sign-ins" value={data ? formatNumber(data.total) : "…"} hint="last 24 hours" />
        <StatCard label="For unknown logins" value={data ? formatNumber(data.unknownUsers) : "…"} hint="no account matched" />
        <StatCard
          label="Logins tried / addresses"
          value={data ? `${formatNumber(data.distinctLogins)} / ${formatNumber(data.distinctIps)}` : "…"}
          hint="distinct, last 24 hours"
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <TopList
          title="Most-tried logins"
          rows={(data?.byLogin ?? []).map((g) => ({
            key: g.login,
            label: g.login || "(empty)",
            count: g.count,
            lastAt: g.lastAt,
            href: `/audit?login=${encodeURIComponent(g.login)}&result=FAILURE`,
            actions: <LoginActions login={g.login} userId={g.userId} clientOrganisationLabel={g.clientOrganisationLabel} />,
          }))}
        />
        <TopList
          title="Addresses with most failures"
          mono
          rows={(data?.byIp ?? []).map((g) => ({
            key: g.ip,
            label: g.ip,
            count: g.count,
            lastAt: g.lastAt,
            href: `/audit?ip=${encodeURIComponent(g.ip)}&result=FAILURE`,
            actions: <BlockAddressButton ip={g.ip} />,
          }))}
        />
      </div>
      <LoginEventsTable
        label="Failed sign-ins in the last 24 hours"
        rows={list.data?.rows ?? []}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        emptyTitle="No failed sign-ins"
        emptyDescription="Nobody got a password or link wrong in the last 24 hours."
      />
    </div>
  );
}

function TopList({ title, rows, mono }: { title: string; mono?: boolean; rows: Array<{ key: string; label: string; count: number; lastAt: Date | null; href: string; actions?: ReactNode }> }) {
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">None.</p>
        ) : (
          <ol className="divide-y">
            {rows.map((row) => (
              <li key={row.key} className="flex items-center justify-between gap-3 py-2 text-sm">
                <Link href={row.href} className={`min-w-0 truncate text-primary underline-offset-2 hover:underline ${mono ? "font-mono text-xs" : ""}`}>
                  {row.label}
                </Link>
                <span className="flex shrink-0 flex-wrap items-center justify-end gap-2 text-muted-foreground">
                  <span>
                    <span className="font-medium text-foreground tabular-nums">{formatNumber(row.count)}</span> ·{" "}
                    <time dateTime={row.lastAt?.toISOString()} title={formatDateTime(row.lastAt)}>
                      {formatRelative(row.lastAt)}
                    </time>
                  </span>
                  {row.actions}
                </span>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
