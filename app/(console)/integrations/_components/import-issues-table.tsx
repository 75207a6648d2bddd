"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileWarning, RotateCcw } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";

/**
 * The accounting import's open issues (invoices and payments refused or held
 * back), beside the dead letter. They stay unmarked in the CRM, so "Import
 * again" is their retry: each comes back and is stored once it is valid.
 */
export function ImportIssuesTable({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({ ...trpc.crm.sync.importIssues.queryOptions({ connectionId, open: true, page, pageSize: 25 }), refetchInterval: 5000 });
  const again = useMutation(
    trpc.crm.sync.importAgain.mutationOptions({
      onSuccess: () => {
        toast({ title: "Import started", description: "Issues fixed in Ascora disappear from this list once imported.", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.crm.sync.importIssues.pathKey() });
      },
      onError: (e) => toast({ title: "Could not start the import", description: e.message, variant: "error" }),
    }),
  );

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    { id: "kind", header: "Record", cell: (r) => (r.kind === "payment" ? "Payment" : "Invoice") },
    { id: "remote", header: "Ascora id", cell: (r) => <code className="break-all text-xs">{r.remoteId}</code> },
    {
      id: "reason",
      header: "Reason",
      cell: (r) => (
        <span className="flex flex-col gap-1">
          <Badge variant={r.waiting ? "secondary" : "danger"}>{r.waiting ? "Held back" : "Refused"}</Badge>
          <span className={r.waiting ? "text-xs text-muted-foreground" : "text-xs text-danger"}>{r.reason}</span>
        </span>
      ),
    },
    { id: "seen", header: "Seen", align: "end", cell: (r) => `${r.seenCount}×` },
    { id: "last", header: "Last seen", cell: (r) => formatDateTime(r.lastSeenAt) },
  ];

  return (
    <section className="space-y-3" aria-labelledby="import-issues-title">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <h2 id="import-issues-title" className="text-base font-semibold">
          Accounting import issues
        </h2>
        <Button size="sm" variant="outline" loading={again.isPending} onClick={() => again.mutate({ connectionId })}>
          <RotateCcw aria-hidden /> Import again
        </Button>
      </div>
      <DataTable
        label="Accounting import issues"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `${r.kind} ${r.remoteId}`}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={FileWarning} title="No import issues" description="Every invoice and payment Ascora sent was stored." />}
      />
    </section>
  );
}
