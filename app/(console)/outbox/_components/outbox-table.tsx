"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { toast } from "@/components/ui/use-toast";
import { FilterSelect, SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { formatDateTime } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import { OUTBOX_STATUSES } from "@/lib/validators/outbox";

type Status = (typeof OUTBOX_STATUSES)[number];
const STATUS_TONE: Record<Status, "success" | "warning" | "danger" | "info" | "secondary"> = {
  SENT: "success",
  PENDING: "info",
  FAILED: "warning",
  DEAD: "danger",
  NOT_SENT: "secondary",
};
const STATUS_LABEL: Record<Status, string> = {
  SENT: "Sent",
  PENDING: "Waiting",
  FAILED: "Retrying",
  DEAD: "Gave up",
  NOT_SENT: "Kept (no SMTP)",
};

export function OutboxTable({ smtpConfigured }: { smtpConfigured: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const firstPage = withFirstPage(setPage);
  const [status, setStatus] = useState<Status | "">("");
  const [search, setSearch] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);

  const list = useQuery(
    trpc.outbox.list.queryOptions({ page, pageSize: 25, status: status || undefined, search: search || undefined }),
  );
  const detail = useQuery({ ...trpc.outbox.get.queryOptions({ id: openId ?? "" }), enabled: Boolean(openId) });
  const retry = useMutation(
    trpc.outbox.retry.mutationOptions({
      onSuccess: (result) => {
        toast({ title: result.status === "sent" ? "Sent" : "Not sent", description: "error" in result ? result.error : undefined, variant: result.status === "sent" ? "success" : "error" });
        void queryClient.invalidateQueries({ queryKey: trpc.outbox.pathKey() });
      },
      onError: (error) => toast({ title: "Could not retry", description: error.message, variant: "error" }),
    }),
  );

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    { id: "createdAt", header: "Queued", cell: (r) => formatDateTime(r.createdAt) },
    { id: "to", header: "To", cell: (r) => r.to },
    {
      id: "subject",
      header: "Subject",
      cell: (r) => (
        <button type="button" className="text-left text-primary underline-offset-2 hover:underline" onClick={() => setOpenId(r.id)}>
          {r.subject}
        </button>
      ),
    },
    { id: "category", header: "Kind", cell: (r) => r.category },
    {
      id: "status",
      header: "State",
      cell: (r) => (
        <span className="flex flex-col gap-1">
          <Badge variant={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</Badge>
          {r.lastError ? <span className="text-xs text-danger">{r.lastError}</span> : null}
        </span>
      ),
    },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "end",
      cell: (r) =>
        smtpConfigured && (r.status === "FAILED" || r.status === "DEAD" || r.status === "PENDING") ? (
          <Button size="sm" variant="outline" loading={retry.isPending && retry.variables?.id === r.id} onClick={() => retry.mutate({ id: r.id })}>
            Send now
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row">
        <SearchInput
          aria-label="Search by recipient or subject"
          placeholder="Search recipient or subject"
          value={search}
          onValueChange={firstPage(setSearch)}
        />
        <FilterSelect
          aria-label="Filter by state"
          value={status}
          onValueChange={firstPage(setStatus)}
          allLabel="All states"
          values={OUTBOX_STATUSES}
          labelOf={(s) => STATUS_LABEL[s]}
        />
      </div>
      <DataTable
        label="Outbox"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={Inbox} title="No e-mails" description="Messages appear here as Switchboard sends them." />}
      />
      <Dialog open={Boolean(openId)} onOpenChange={(open) => !open && setOpenId(null)}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>{detail.data?.subject ?? "Message"}</DialogTitle>
            <DialogDescription>To {detail.data?.to}</DialogDescription>
          </DialogHeader>
          <pre className="max-h-[60vh] overflow-auto whitespace-pre-wrap rounded-md bg-muted p-3 text-sm" data-testid="outbox-message-text">
            {detail.data?.text}
          </pre>
          <p className="text-xs text-muted-foreground">
            Links in e-mails carry sign-in and follow-up tokens, so they are shown masked (••••••); only the sender reads the sealed original.
          </p>
        </DialogContent>
      </Dialog>
    </div>
  );
}
