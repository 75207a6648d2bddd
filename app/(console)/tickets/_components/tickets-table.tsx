"use client";

import { useQuery } from "@tanstack/react-query";
import { MessageSquareReply, TicketIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { TicketApprovalPill } from "@/components/approvals";
import { EscalationBadge, PriorityBadge, SlaBadge, StatusBadge } from "@/components/helpdesk/ticket-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn, type DataTableSort } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { Pagination } from "@/components/ui/pagination";
import { TICKET_TYPE_INFO } from "@/lib/helpdesk/constants";
import { DEFAULT_TICKET_SORT, ticketQueryFromParams } from "@/lib/helpdesk/list-params";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { TICKET_SORT_FIELDS, type TicketSortField } from "@/lib/validators/helpdesk";
import { BulkActionsBar } from "./bulk-actions-bar";
import { SavedViews } from "./saved-views";
import { FILTER_KEYS, TicketFilters } from "./ticket-filters";

const SORTABLE = new Set<string>(TICKET_SORT_FIELDS);
/** Address keys that only say where in the list we are, not what the list is. */
const POSITION_KEYS = ["page", "after", "before"];

/** The agent's queue: filters, saved views, bulk actions, customer-reply markers and keyset paging. */
export function TicketsTable() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = ticketQueryFromParams(new URLSearchParams(params.toString()));
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [selected, setSelected] = useState<string[]>([]);

  const options = useQuery(trpc.helpdesk.tickets.options.queryOptions());
  const list = useQuery({ ...trpc.helpdesk.tickets.list.queryOptions(query), placeholderData: (prev) => prev });

  function replaceQuery(next: URLSearchParams) {
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  function setParam(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    // Any change to what the list is starts it again at page 1.
    if (!("page" in changes)) for (const k of POSITION_KEYS) next.delete(k);
    replaceQuery(next);
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
  const sort: DataTableSort = { id: sortField, dir: sortDir ?? "asc" };

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "number",
      header: "Ticket",
      sortable: true,
      cell: (r) => (
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            {r.unread ? <span className="size-2 shrink-0 rounded-full bg-primary" aria-hidden /> : null}
            <Link href={`/tickets/${r.number}`} className="font-mono text-xs text-primary hover:underline">
              {r.number}
            </Link>
            {r.customerReplied ? (
              <Badge variant="info" className="gap-1">
                <MessageSquareReply aria-hidden className="size-3" />
                Customer replied{r.unread ? <span className="sr-only"> (unread)</span> : null}
              </Badge>
            ) : null}
          </div>
          <div className={`max-w-[28rem] truncate ${r.unread ? "font-semibold" : "font-medium"}`} title={r.subject}>
            {r.subject}
          </div>
          <div className="text-xs break-words text-muted-foreground">
            {r.organisation.label} · {r.reporterName}
          </div>
        </div>
      ),
    },
    { id: "status", header: "Status", sortable: true, cell: (r) => <StatusBadge status={r.status} /> },
    { id: "priority", header: "Priority", sortable: true, cell: (r) => <PriorityBadge priority={r.priority} /> },
    {
      id: "dueAt",
      header: "SLA",
      sortable: true,
      cell: (r) => (
        <div className="flex flex-col gap-1">
          <div className="flex flex-wrap gap-1">
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
          <div className="text-xs break-words text-muted-foreground">{r.assignee ? (r.assignee.name ?? r.assignee.email) : "Unassigned"}</div>
        </div>
      ),
    },
    { id: "type", header: "Type", cell: (r) => <span className="text-sm">{TICKET_TYPE_INFO[r.type].label}</span>, className: "hidden xl:table-cell", headerClassName: "hidden xl:table-cell" },
    { id: "approval", header: "Approval", cell: (r) => <TicketApprovalPill ticketId={r.id} /> },
    {
      id: "updatedAt",
      header: "Updated",
      sortable: true,
      cell: (r) => (
        <span className="text-sm whitespace-nowrap" title={formatDateTime(r.updatedAt)}>
          {formatRelative(r.updatedAt)}
        </span>
      ),
    },
  ];

  const filterCount = FILTER_KEYS.filter((k) => params.has(k)).length;
  const filtersActive = filterCount > 0 || params.has("q");
  const clearFilters = () => {
    setSearch("");
    router.replace(pathname);
  };
  const viewQuery = (() => {
    const q = new URLSearchParams(params.toString());
    for (const k of POSITION_KEYS) q.delete(k);
    return q.toString();
  })();
  const data = list.data;

  return (
    <div className="space-y-4">
      <ListToolbar
        noun="tickets"
        search={search}
        onSearchChange={setSearch}
        searchPlaceholder="Number, subject, reporter…"
        activeFilterCount={filterCount}
        onClearFilters={clearFilters}
        filters={<TicketFilters params={params} setParam={setParam} options={options.data} />}
        actions={
          <SavedViews
            currentQuery={viewQuery}
            onOpen={(q) => {
              setSearch(new URLSearchParams(q).get("q") ?? "");
              replaceQuery(new URLSearchParams(q));
            }}
          />
        }
      />
      {list.error ? (
        <p className="text-sm text-danger" role="alert">
          {list.error.message}
        </p>
      ) : null}
      <BulkActionsBar
        selectedIds={selected}
        onDone={() => setSelected([])}
        teams={options.data?.teams ?? []}
        staff={options.data?.staff ?? []}
      />
      <DataTable
        label="Tickets"
        selectedIds={selected}
        onSelectionChange={setSelected}
        getRowLabel={(r) => r.number}
        columns={columns}
        rows={data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        sort={sort}
        onSortChange={(s) => SORTABLE.has(s.id) && setParam({ sort: `${s.id}:${s.dir}` === DEFAULT_TICKET_SORT ? null : `${s.id}:${s.dir}` })}
        rowClassName={(r) => (r.unread ? "bg-primary/5" : undefined)}
        empty={
          <EmptyState
            icon={TicketIcon}
            title={filtersActive ? "No tickets match these filters" : "No active tickets"}
            description={filtersActive ? "Try another search or clear the filters." : "New tickets from the console, My Tickets and the API appear here."}
            action={
              filtersActive ? (
                <Button variant="outline" onClick={clearFilters}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        }
      />
      {data ? (
        <Pagination
          page={data.page}
          pageSize={data.pageSize}
          total={data.total}
          disabled={list.isFetching}
          onPageChange={(page) => {
            // Next and Previous read by keyset when the sort allows it; else by offset.
            if (page === 1) return setParam({ page: null, after: null, before: null });
            if (page > data.page && data.nextCursor) return setParam({ page: String(page), after: data.nextCursor, before: null });
            if (page < data.page && data.prevCursor) return setParam({ page: String(page), before: data.prevCursor, after: null });
            setParam({ page: String(page), after: null, before: null });
          }}
        />
      ) : null}
    </div>
  );
}
