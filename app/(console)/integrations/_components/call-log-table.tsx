"use client";

import { useQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";

const OPERATIONS = ["create", "revise", "retrieve", "massretrieve", "query", "sync", "describe", "listtypes", "login", "getchallenge", "delete", "changePassword"];

/** Every call to the CRM, with filters by result, operation, record or correlation id, and time. */
export function CallLogTable({ connectionId }: { connectionId?: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<"" | "ok" | "error">("");
  const [operation, setOperation] = useState("");
  const [search, setSearch] = useState("");
  const [sinceHours, setSinceHours] = useState("");
  const list = useQuery({
    ...trpc.crm.sync.log.queryOptions({
      page,
      pageSize: 50,
      connectionId,
      status: status || undefined,
      operation: operation || undefined,
      search: search.trim() || undefined,
      sinceHours: sinceHours ? Number(sinceHours) : undefined,
    }),
    refetchInterval: 5000,
  });
  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    { id: "at", header: "Time", cell: (r) => formatDateTime(r.createdAt) },
    ...(connectionId ? [] : [{ id: "connection", header: "Connection", cell: (r: Row) => r.connectionName }]),
    { id: "operation", header: "Operation", cell: (r) => <code className="text-xs">{r.operation}</code> },
    { id: "record", header: "Record", cell: (r) => (r.entityId ? <code className="text-xs">{r.entityId}</code> : "—") },
    {
      id: "status",
      header: "Result",
      cell: (r) => (
        <span className="flex flex-col gap-1">
          <Badge variant={r.status === "ok" ? "success" : "danger"}>{r.status === "ok" ? "OK" : (r.errorKind ?? "error")}</Badge>
          {r.error ? <span className="text-xs text-danger">{r.error}</span> : null}
        </span>
      ),
    },
    { id: "http", header: "HTTP", align: "end", cell: (r) => r.httpStatus ?? "—" },
    { id: "duration", header: "ms", align: "end", cell: (r) => r.durationMs },
    { id: "correlation", header: "Correlation id", cell: (r) => (r.correlationId ? <code className="text-xs">{r.correlationId.slice(0, 8)}</code> : "—") },
  ];
  const reset = <T,>(fn: (v: T) => void) => (v: T) => {
    fn(v);
    setPage(1);
  };
  return (
    <div className="space-y-3">
      <div className="grid gap-2 sm:grid-cols-4">
        <NativeSelect aria-label="Result" value={status} onChange={(e) => reset(setStatus)(e.target.value as "" | "ok" | "error")} options={[{ value: "", label: "Any result" }, { value: "ok", label: "OK" }, { value: "error", label: "Errors" }]} />
        <NativeSelect aria-label="Operation" value={operation} onChange={(e) => reset(setOperation)(e.target.value)} options={[{ value: "", label: "Any operation" }, ...OPERATIONS.map((o) => ({ value: o, label: o }))]} />
        <NativeSelect aria-label="Period" value={sinceHours} onChange={(e) => reset(setSinceHours)(e.target.value)} options={[{ value: "", label: "Any time" }, { value: "1", label: "Last hour" }, { value: "24", label: "Last 24 hours" }, { value: "168", label: "Last 7 days" }]} />
        <Input type="search" aria-label="Record or correlation id" placeholder="Record or correlation id" value={search} onChange={(e) => reset(setSearch)(e.target.value)} />
      </div>
      <DataTable
        label="CRM call log"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={ScrollText} title="No calls" description="Calls to the CRM are listed here with their result." />}
      />
    </div>
  );
}
