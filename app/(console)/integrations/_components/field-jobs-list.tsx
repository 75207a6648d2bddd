"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { NativeSelect } from "@/components/ui/native-select";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Row = inferRouterOutputs<AppRouter>["fieldJobs"]["list"]["rows"][number];

const columns: DataTableColumn<Row>[] = [
  {
    id: "job",
    header: "Job",
    cell: (r) =>
      r.remoteUrl ? (
        <a href={r.remoteUrl} target="_blank" rel="noreferrer" className="underline">
          {r.jobNumber ?? r.reference}
        </a>
      ) : (
        <span className="text-muted-foreground">{r.reference}</span>
      ),
  },
  {
    id: "status",
    header: "Status",
    cell: (r) =>
      r.pushState === "CREATED" ? (
        <Badge variant="info">{r.remoteStatus}</Badge>
      ) : (
        <Badge variant={r.pushState === "FAILED" ? "danger" : "secondary"} title={r.lastError ?? undefined}>
          {r.pushState === "FAILED" ? "Failed" : "Pending"}
        </Badge>
      ),
  },
  {
    id: "ticket",
    header: "Ticket",
    cell: (r) =>
      r.ticket ? (
        <Link href={`/tickets/${r.ticket.number}`} className="underline">
          {r.ticket.number}
        </Link>
      ) : null,
  },
  { id: "customer", header: "Customer", cell: (r) => r.customerName ?? <span className="text-muted-foreground">None</span> },
  { id: "updated", header: "Updated", cell: (r) => formatDateTime(r.updatedAt) },
];

/** The connection's field jobs: search, filter by status, paged. */
export function FieldJobsList({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.fieldJobs.list.queryOptions({ connectionId, search: search || undefined, status: status || undefined, page, pageSize: 25 }),
    placeholderData: keepPreviousData,
  });
  const statuses = list.data?.statuses ?? [];
  return (
    <div className="space-y-3">
      <ListToolbar
        noun="field jobs"
        search={search}
        onSearchChange={(v) => {
          setSearch(v);
          setPage(1);
        }}
        searchPlaceholder="Job number, ticket, customer or address"
        activeFilterCount={status ? 1 : 0}
        onClearFilters={() => setStatus("")}
        filters={
          <NativeSelect
            aria-label="Status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
            options={[
              { value: "", label: "All statuses" },
              ...statuses.map((s) => ({ value: s, label: s })),
              { value: "PENDING", label: "Not created yet" },
              { value: "FAILED", label: "Failed" },
            ]}
          />
        }
      />
      <DataTable
        label="Field jobs"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={search || status ? "No field jobs match." : "No field jobs yet. Create one from a ticket, or choose ticket types that create them automatically."}
      />
    </div>
  );
}
