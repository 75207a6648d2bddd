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
import type { RecentFailureSummary } from "@/server/audit/recent-failure-summary";

/**
 * Failed sign-ins of the last 24 hours: totals, top logins and addresses,
 * and the attempts. With `login` (the alert e-mail's link) that login's own
 * attempts come first, with the actions to take beside them.
 */
export function RecentFailuresView({ login }: { login?: string }) {
  const trpc = useTRPC();
  // Fixed when the page opens, so paging does not shift under the reader.
  const [since] = useState(() => new Date(Date.now() - 24 * 3_600_000));
  const [page, setPage] = useState(1);
  const summary = useQuery(trpc.audit.events.recentFailures.queryOptions(login ? { login } : undefined));
  const list = useQuery(trpc.audit.events.list.queryOptions({ result: "FAILURE", kind: "SIGN_IN", from: since, page, pageSize: 25 }));
  const data = summary.data;

  return (
    <div className="space-y-6">
      {data?.focus ? <LoginFocus focus={data.focus} since={since} /> : null}
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
              <li key={row.key} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2 text-sm">
                <Link href={row.href} className={`min-w-0 truncate text-primary underline-offset-2 hover:underline ${mono ? "font-mono text-xs" : ""}`}>
                  {row.label}
                </Link>
                <span className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-2 text-muted-foreground">
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

type Focus = NonNullable<RecentFailureSummary["focus"]>;

/** One login's failures (from the alert e-mail): the evidence, the addresses to block, and the account actions. */
function LoginFocus({ focus, since }: { focus: Focus; since: Date }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.audit.events.list.queryOptions({ result: "FAILURE", kind: "SIGN_IN", login: focus.login, from: since, page, pageSize: 25 }));
  const ips = [...new Set((list.data?.rows ?? []).map((r) => r.ip))];
  return (
    <Card data-testid="login-focus">
      <CardHeader>
        <CardTitle as="h2">Failed sign-ins for {focus.login || "(empty)"}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4 text-sm">
        <p>
          {formatNumber(focus.count)} in the last 24 hours{focus.lastAt ? `, the latest ${formatRelative(focus.lastAt)}` : ""}.{" "}
          {focus.userId ? "Unlock, reset the password, sign out everywhere or disable from the account page." : "No account has this login: blocking the addresses is what remains."}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <LoginActions login={focus.login} userId={focus.userId} clientOrganisationLabel={focus.clientOrganisationLabel} />
          {ips.map((ip) => (
            <span key={ip} className="inline-flex items-center gap-1">
              <span className="font-mono text-xs">{ip}</span>
              <BlockAddressButton ip={ip} />
            </span>
          ))}
        </div>
        <LoginEventsTable
          label={`Failed sign-ins for ${focus.login} in the last 24 hours`}
          rows={list.data?.rows ?? []}
          loading={list.isLoading}
          hideUser
          paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
          onPageChange={setPage}
          emptyTitle="No failed sign-ins for this login in the last 24 hours"
          emptyDescription="The attempts of the alert may be older than a day: see the full history."
        />
        <Link href={`/audit?login=${encodeURIComponent(focus.login)}&result=FAILURE`} className="text-primary underline-offset-2 hover:underline">
          Full history of this login →
        </Link>
      </CardContent>
    </Card>
  );
}
