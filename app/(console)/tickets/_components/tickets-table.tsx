"use client";

import { useQuery } from "@tanstack/react-query";
import { TicketIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { BulkRequestApprovalButton, TicketApprovalPill } from "@/components/approvals";
import { EscalationBadge, PriorityBadge, SlaBadge, StatusBadge } from "@/components/helpdesk/ticket-badges";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn, type DataTableSort } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import {
  ACTIVE_TICKET_STATUSES,
  SLA_STATES,
  SLA_STATE_INFO,
  TICKET_PRIORITIES,
  TICKET_PRIORITY_INFO,
  TICKET_STATUSES,
  TICKET_STATUS_INFO,
  TICKET_TYPES,
  TICKET_TYPE_INFO,
} from "@/lib/helpdesk/constants";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { TICKET_SORT_FIELDS, type TicketListQueryInput, type TicketSortField } from "@/lib/validators/helpdesk";

const ACTIVE = ACTIVE_TICKET_STATUSES.join(",");
const SORTABLE = new Set<string>(TICKET_SORT_FIELDS);

/** Reads the list query from the address; "status" defaults to the active statuses. */
function queryFromParams(params: URLSearchParams): TicketListQueryInput {
  const sort = params.get("sort") ?? "updatedAt:desc";
  const status = params.get("status");
  return {
    search: params.get("q") ?? undefined,
    status: status === null ? ACTIVE : status === "any" ? "" : status,
    priority: params.get("priority") ?? "",
    type: params.get("type") ?? "",
    teamId: params.get("team") ?? "",
    organisationId: params.get("org") ?? "",
    slaState: params.get("sla") ?? "",
    sort,
    page: Number(params.get("page") ?? 1) || 1,
    pageSize: 25,
  } as TicketListQueryInput;
}

export function TicketsTable() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = queryFromParams(new URLSearchParams(params.toString()));
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [selected, setSelected] = useState<string[]>([]);

  const options = useQuery(trpc.helpdesk.tickets.options.queryOptions());
  const list = useQuery({ ...trpc.helpdesk.tickets.list.queryOptions(query), placeholderData: (prev) => prev });

  function setParam(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (!("page" in changes)) next.delete("page");
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }

  // Search as you type, without a request per keystroke.
  useEffect(() => {
    const current = params.get("q") ?? "";
    if (search === current) return;
    const timer = setTimeout(() => setParam({ q: search.trim() || null }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const [sortField, sortDir] = String(query.sort).split(":") as [TicketSortField, "asc" | "desc"];
  const sort: DataTableSort = { id: sortField, dir: sortDir ?? "desc" };

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "number",
      header: "Ticket",
      sortable: true,
      cell: (r) => (
        <div className="min-w-0">
          <Link href={`/tickets/${r.number}`} className="font-mono text-xs text-primary hover:underline">
            {r.number}
          </Link>
          <div className="max-w-[28rem] truncate font-medium" title={r.subject}>
            {r.subject}
          </div>
          <div className="text-xs text-muted-foreground">
            {r.organisation.label} · {r.reporterName}
          </div>
        </div>
      ),
    },
    { id: "status", header: "Status", sortable: true, cell: (r) => <StatusBadge status={r.status} /> },
    { id: "priority", header: "Priority", sortable: true, cell: (r) => <PriorityBadge priority={r.priority} /> },
    { id: "type", header: "Type", cell: (r) => <span className="text-sm">{TICKET_TYPE_INFO[r.type].label}</span> },
    {
      id: "dueAt",
      header: "SLA",
      sortable: true,
      cell: (r) => (
        <div className="flex flex-col gap-1">
          <div className="flex gap-1">
            <SlaBadge state={r.slaState} />
            {r.escalationLevel !== "L1" ? <EscalationBadge level={r.escalationLevel} /> : null}
          </div>
          {r.nearestDueAt ? <span className="text-xs text-muted-foreground">due {formatDateTime(r.nearestDueAt, { zone: false })}</span> : null}
        </div>
      ),
    },
    {
      id: "assignee",
      header: "Team / assignee",
      cell: (r) => (
        <div className="text-sm">
          <div>{r.team?.name ?? <span className="text-muted-foreground">No team</span>}</div>
          <div className="text-xs text-muted-foreground">{r.assignee ? (r.assignee.name ?? r.assignee.email) : "Unassigned"}</div>
        </div>
      ),
    },
    { id: "approval", header: "Approval", cell: (r) => <TicketApprovalPill ticketId={r.id} /> },
    { id: "updatedAt", header: "Updated", sortable: true, cell: (r) => <span className="text-sm" title={formatDateTime(r.updatedAt)}>{formatRelative(r.updatedAt)}</span> },
  ];

  const filtersActive = ["q", "priority", "type", "team", "org", "sla", "status"].some((k) => params.has(k));

  return (
    <div className="space-y-4">
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7" role="search" aria-label="Filter tickets">
        <Input
          type="search"
          aria-label="Search tickets"
          placeholder="Number, subject, reporter…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="xl:col-span-1"
        />
        <NativeSelect
          aria-label="Status"
          value={params.get("status") ?? ACTIVE}
          onChange={(e) => setParam({ status: e.target.value === ACTIVE ? null : e.target.value })}
          options={[
            { value: ACTIVE, label: "Active statuses" },
            { value: "any", label: "Any status" },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_INFO[s].label })),
          ]}
        />
        <NativeSelect
          aria-label="Priority"
          value={params.get("priority") ?? ""}
          onChange={(e) => setParam({ priority: e.target.value })}
          options={[{ value: "", label: "Any priority" }, ...[...TICKET_PRIORITIES].reverse().map((p) => ({ value: p, label: TICKET_PRIORITY_INFO[p].label }))]}
        />
        <NativeSelect
          aria-label="Type"
          value={params.get("type") ?? ""}
          onChange={(e) => setParam({ type: e.target.value })}
          options={[{ value: "", label: "Any type" }, ...TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_INFO[t].label }))]}
        />
        <NativeSelect
          aria-label="Team"
          value={params.get("team") ?? ""}
          onChange={(e) => setParam({ team: e.target.value })}
          options={[
            { value: "", label: "Any team" },
            { value: "none", label: "No team" },
            ...(options.data?.teams ?? []).map((t) => ({ value: t.id, label: t.name })),
          ]}
        />
        <NativeSelect
          aria-label="Organisation"
          value={params.get("org") ?? ""}
          onChange={(e) => setParam({ org: e.target.value })}
          options={[{ value: "", label: "Any organisation" }, ...(options.data?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.label} · ${o.name}` }))]}
        />
        <NativeSelect
          aria-label="SLA state"
          value={params.get("sla") ?? ""}
          onChange={(e) => setParam({ sla: e.target.value })}
          options={[{ value: "", label: "Any SLA state" }, ...SLA_STATES.map((s) => ({ value: s, label: SLA_STATE_INFO[s].label }))]}
        />
      </div>
      {list.error ? <p className="text-sm text-danger" role="alert">{list.error.message}</p> : null}
      <BulkRequestApprovalButton ticketIds={selected} onSent={() => setSelected([])} />
      <DataTable
        label="Tickets"
        selectedIds={selected}
        onSelectionChange={setSelected}
        getRowLabel={(r) => r.number}
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        sort={sort}
        onSortChange={(s) => SORTABLE.has(s.id) && setParam({ sort: `${s.id}:${s.dir}` })}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={(page) => setParam({ page: String(page) })}
        empty={
          <EmptyState
            icon={TicketIcon}
            title={filtersActive ? "No tickets match these filters" : "No active tickets"}
            description={filtersActive ? "Try another search or clear the filters." : "New tickets from the console, My Tickets and the API appear here."}
            action={
              filtersActive ? (
                <Button
                  variant="outline"
                  onClick={() => {
                    setSearch("");
                    router.replace(pathname);
                  }}
                >
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        }
      />
    </div>
  );
}
