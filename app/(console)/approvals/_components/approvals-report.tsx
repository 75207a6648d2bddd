"use client";

import { useQuery } from "@tanstack/react-query";
import { CheckCircle } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ApprovalStatePill } from "@/components/approvals/approval-state-pill";
import { BarChart } from "@/components/charts/bar-chart";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { withFirstPage } from "@/components/ui/list-filters";
import { DateInput } from "@/components/ui/date-input";
import { NativeSelect } from "@/components/ui/native-select";
import { StatCard } from "@/components/ui/stat-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime, formatDuration, formatNumber } from "@/lib/utils";
import { APPROVAL_STATE_LABELS, APPROVAL_STATES, type ApprovalStateValue } from "@/lib/validators/approvals";
import { ResendLinksButton } from "./resend-links-button";

/** Turnaround in the largest two units: "2m", "3h 15m", "2d 4h" (a 2-minute approval no longer reads "0 h"). */
const hours = (h: number | null | undefined) => formatDuration(h === null || h === undefined ? null : h * 3_600_000);
const STATE_TONE: Record<ApprovalStateValue, "warning" | "success" | "danger" | "secondary"> = {
  pending: "warning",
  approved: "success",
  rejected: "danger",
  superseded: "secondary",
};

/** Filters, headline figures, organisation × state table, chart and the engagement list. */
export function ApprovalsReport() {
  const trpc = useTRPC();
  const [organisationId, setOrganisationId] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [state, setState] = useState<ApprovalStateValue | "">("");
  const [view, setView] = useState<"all" | "stuck">("all");
  const [page, setPage] = useState(1);
  const rangeError = from && to && from > to ? "The start date is after the end date" : null;
  const filter = {
    organisationId: organisationId || undefined,
    from: from && !rangeError ? new Date(from) : undefined,
    to: to && !rangeError ? new Date(to) : undefined,
  };

  const organisations = useQuery(trpc.approvals.ownerContacts.queryOptions());
  const report = useQuery(trpc.approvals.report.queryOptions(filter));
  const list = useQuery(
    trpc.approvals.list.queryOptions({ ...filter, state: view === "stuck" ? undefined : state || undefined, stuck: view === "stuck" || undefined, page, pageSize: 25 }),
  );
  const resetPage = withFirstPage(setPage);

  const totals = report.data?.totals;
  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "ticket",
      header: "Ticket",
      cell: (r) => (
        <Link href={`/tickets/${encodeURIComponent(r.ticketNumber)}`} className="text-primary underline-offset-2 hover:underline">
          <span className="font-mono text-xs">{r.ticketNumber}</span> <span className="block max-w-64 truncate">{r.subject}</span>
        </Link>
      ),
    },
    { id: "organisation", header: "Client", cell: (r) => r.organisationLabel },
    { id: "owner", header: "Owner", cell: (r) => (<span className="block">{r.ownerName}<span className="block text-xs text-muted-foreground">{r.ownerEmail}</span></span>) },
    {
      id: "state",
      header: "State",
      cell: (r) => (
        <span className="flex flex-col gap-1">
          {r.current && r.state !== "superseded" ? <ApprovalStatePill state={r.state} ownerName={r.ownerName} /> : <Badge variant={STATE_TONE[r.state]}>{APPROVAL_STATE_LABELS[r.state]}{r.current ? "" : " (replaced)"}</Badge>}
          {r.stuck ? <Badge variant="danger">Pending &gt; 7 days</Badge> : null}
        </span>
      ),
    },
    { id: "sentAt", header: "Sent", cell: (r) => formatDateTime(r.sentAt) },
    { id: "remindedAt", header: "Reminded", cell: (r) => formatDateTime(r.remindedAt) },
    { id: "decidedAt", header: "Decided", cell: (r) => formatDateTime(r.decidedAt) },
    { id: "turnaround", header: "Turnaround", align: "end", cell: (r) => hours(r.turnaroundHours) },
    {
      id: "actions",
      header: "Links",
      cell: (r) => (r.current && r.state === "pending" ? <ResendLinksButton engagementId={r.id} ownerName={r.ownerName} /> : null),
    },
  ];

  return (
    <div className="space-y-6">
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label="Client">
          <NativeSelect
            value={organisationId}
            onChange={(e) => resetPage(setOrganisationId)(e.target.value)}
            options={[{ value: "", label: "All clients" }, ...(organisations.data ?? []).map((o) => ({ value: o.organisationId, label: `${o.organisationLabel} — ${o.organisationName}` }))]}
          />
        </FormField>
        <FormField label="Sent from">
          <DateInput value={from} onValueChange={resetPage(setFrom)} />
        </FormField>
        <FormField label="Sent until" error={rangeError}>
          <DateInput value={to} onValueChange={resetPage(setTo)} />
        </FormField>
      </div>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <StatCard label="Requests" value={formatNumber(totals?.total ?? 0)} />
        <StatCard label="Awaiting decision" value={formatNumber(totals?.pending ?? 0)} />
        <StatCard label="Pending > 7 days" value={formatNumber(totals?.stuck ?? 0)} hint="Time to call the owner" />
        <StatCard label="Average turnaround" value={hours(totals?.averageHours)} hint={`${formatNumber(totals?.decided ?? 0)} decided`} />
        <StatCard label="Median turnaround" value={hours(totals?.medianHours)} />
      </div>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>By client and state</CardTitle>
          </CardHeader>
          <CardContent>
            <Table aria-label="Requests by client and state">
              <TableHeader>
                <TableRow>
                  <TableHead>Client</TableHead>
                  {APPROVAL_STATES.map((s) => (
                    <TableHead key={s} className="text-right">
                      {APPROVAL_STATE_LABELS[s]}
                    </TableHead>
                  ))}
                  <TableHead className="text-right">Avg</TableHead>
                  <TableHead className="text-right">Median</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {(report.data?.rows ?? []).map((row) => (
                  <TableRow key={row.organisationId} data-testid={`approvals-matrix-${row.label}`}>
                    <TableCell className="font-medium">{row.label}</TableCell>
                    {APPROVAL_STATES.map((s) => (
                      <TableCell key={s} className="text-right tabular-nums">
                        {row[s]}
                      </TableCell>
                    ))}
                    <TableCell className="text-right tabular-nums">{hours(row.averageHours)}</TableCell>
                    <TableCell className="text-right tabular-nums">{hours(row.medianHours)}</TableCell>
                  </TableRow>
                ))}
                {report.data && report.data.rows.length === 0 ? (
                  <TableRow>
                    <TableCell colSpan={7} className="text-center text-muted-foreground">
                      No requests in this range.
                    </TableCell>
                  </TableRow>
                ) : null}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Requests sent per {report.data?.timeline.bucket ?? "day"}</CardTitle>
          </CardHeader>
          <CardContent>
            <BarChart
              title={`Approval requests sent per ${report.data?.timeline.bucket ?? "day"}, by client`}
              data={report.data?.timeline.points ?? []}
              categoryKey="period"
              categoryLabel={report.data?.timeline.bucket === "week" ? "Week of" : "Day"}
              series={(report.data?.timeline.labels ?? []).map((label) => ({ key: label, label }))}
              stacked
            />
          </CardContent>
        </Card>
      </div>

      <section className="space-y-3" aria-label="Requests">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <Tabs value={view} onValueChange={(v) => resetPage(setView)(v as "all" | "stuck")}>
            <TabsList aria-label="Which requests">
              <TabsTrigger value="all">All requests</TabsTrigger>
              <TabsTrigger value="stuck">Pending &gt; 7 days</TabsTrigger>
            </TabsList>
          </Tabs>
          {view === "all" ? (
            <NativeSelect
              aria-label="Filter by state"
              className="sm:max-w-48"
              value={state}
              onChange={(e) => resetPage(setState)(e.target.value as ApprovalStateValue | "")}
              options={[{ value: "", label: "All states" }, ...APPROVAL_STATES.map((s) => ({ value: s, label: APPROVAL_STATE_LABELS[s] }))]}
            />
          ) : null}
        </div>
        <DataTable
          label={view === "stuck" ? "Requests pending more than 7 days" : "Approval requests"}
          columns={columns}
          rows={list.data?.rows ?? []}
          getRowId={(r) => r.id}
          loading={list.isLoading}
          paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
          onPageChange={setPage}
          rowClassName={(r) => (r.stuck ? "bg-danger-subtle/40" : undefined)}
          empty={
            <EmptyState
              icon={CheckCircle}
              title={view === "stuck" ? "Nothing stuck" : "No approval requests"}
              description={view === "stuck" ? "No request has waited more than 7 days." : "Requests appear here once an agent asks an owner from a ticket."}
            />
          }
        />
      </section>
    </div>
  );
}
