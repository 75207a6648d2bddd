"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ListChecks, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { CRM_QUEUE_STATUSES, type CrmQueueStatus } from "@/lib/validators/crm";
import { formatDateTime } from "@/lib/utils";
import { ENTITY_LABEL, entityLabel } from "./entity-labels";

const LABEL: Record<CrmQueueStatus, string> = {
  PENDING: "Waiting",
  PROCESSING: "Running",
  SUCCEEDED: "Done",
  FAILED: "Retrying",
  DEAD: "Dead letter",
};
const TONE: Record<CrmQueueStatus, "info" | "success" | "warning" | "danger" | "secondary"> = {
  PENDING: "info",
  PROCESSING: "info",
  SUCCEEDED: "success",
  FAILED: "warning",
  DEAD: "danger",
};

/** The sync queue; with status DEAD it is the dead letter, with retry of one, a selection, or all. */
export function QueueTable({ connectionId, initialStatus = "" }: { connectionId?: string; initialStatus?: CrmQueueStatus | "" }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<CrmQueueStatus | "">(initialStatus);
  const [entity, setEntity] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const list = useQuery({
    ...trpc.crm.sync.queue.queryOptions({ page, pageSize: 25, connectionId, status: status || undefined, entity: entity || undefined }),
    refetchInterval: 3000,
  });
  const retry = useMutation(
    trpc.crm.sync.retry.mutationOptions({
      onSuccess: (r) => {
        toast({ title: `${r.retried} item(s) queued again`, variant: "success" });
        setSelected([]);
        void queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() });
      },
      onError: (e) => toast({ title: "Could not retry", description: e.message, variant: "error" }),
    }),
  );

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "record",
      header: "Record",
      cell: (r) =>
        r.entity === "customer" ? (
          <Link href={`/customers/${r.entityId}`} className="text-primary underline-offset-2 hover:underline">
            {r.recordLabel}
          </Link>
        ) : (
          <span className="flex flex-col">
            <span>{r.recordLabel}</span>
            <span className="text-xs text-muted-foreground">{entityLabel(r.entity)}</span>
          </span>
        ),
    },
    { id: "operation", header: "Operation", cell: (r) => <Badge variant="outline">{r.operation}</Badge> },
    ...(connectionId ? [] : [{ id: "connection", header: "Connection", cell: (r: Row) => r.connectionName }]),
    {
      id: "status",
      header: "State",
      cell: (r) => (
        <span className="flex flex-col gap-1">
          <Badge variant={r.waiting ? "secondary" : TONE[r.status]}>{r.waiting ? "Waiting on another record" : LABEL[r.status]}</Badge>
          {r.lastError ? <span className={r.waiting ? "text-xs text-muted-foreground" : "text-xs text-danger"}>{r.lastError}</span> : null}
        </span>
      ),
    },
    {
      id: "attempts",
      header: "Attempts",
      align: "end",
      cell: (r) => `${r.attempts} / ${r.maxAttempts}${r.coalescedCount > 1 ? ` (${r.coalescedCount} changes)` : ""}`,
    },
    {
      id: "when",
      header: "Next / finished",
      cell: (r) => (r.finishedAt ? formatDateTime(r.finishedAt) : r.status === "FAILED" || r.status === "PENDING" ? `due ${formatDateTime(r.nextAttemptAt)}` : "—"),
    },
    { id: "correlation", header: "Correlation id", cell: (r) => <code className="text-xs">{r.correlationId.slice(0, 8)}</code> },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "end",
      cell: (r) =>
        r.status === "DEAD" || r.status === "FAILED" ? (
          <Button size="sm" variant="outline" loading={retry.isPending && "ids" in (retry.variables ?? {}) && (retry.variables as { ids: string[] }).ids[0] === r.id} onClick={() => retry.mutate({ ids: [r.id] })}>
            Retry
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <NativeSelect
          aria-label="Filter by state"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as CrmQueueStatus | "");
            setPage(1);
            setSelected([]);
          }}
          options={[{ value: "", label: "All states" }, ...CRM_QUEUE_STATUSES.map((s) => ({ value: s, label: LABEL[s] }))]}
          className="sm:max-w-48"
        />
        <NativeSelect
          aria-label="Filter by kind of record"
          value={entity}
          onChange={(e) => {
            setEntity(e.target.value);
            setPage(1);
            setSelected([]);
          }}
          options={[{ value: "", label: "All records" }, ...Object.entries(ENTITY_LABEL).map(([value, label]) => ({ value, label }))]}
          className="sm:max-w-48"
        />
        <div className="flex flex-wrap gap-2 sm:ml-auto">
          <Button size="sm" variant="outline" disabled={selected.length === 0} loading={retry.isPending} onClick={() => retry.mutate({ ids: selected })}>
            <RotateCcw aria-hidden /> Retry selected ({selected.length})
          </Button>
          {connectionId ? (
            <Button size="sm" variant="outline" loading={retry.isPending} onClick={() => retry.mutate({ connectionId, allDead: true })}>
              <RotateCcw aria-hidden /> Retry all dead
            </Button>
          ) : null}
        </div>
      </div>
      <DataTable
        label={status === "DEAD" ? "Dead letter" : "Sync queue"}
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `${r.operation} ${r.recordLabel}`}
        selectedIds={selected}
        onSelectionChange={setSelected}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={ListChecks} title={status === "DEAD" ? "The dead letter is empty" : "Nothing in the queue"} />}
      />
    </div>
  );
}
