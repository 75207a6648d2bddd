"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { FilterSelect, withFirstPage } from "@/components/ui/list-filters";
import { PageHeader } from "@/components/ui/page-header";
import { toast } from "@/components/ui/use-toast";
import { formatDateTime } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import { StatusBadge, statusLabel } from "../../_components/status-badge";

const STATES = ["pending", "delivered", "failed", "dead"] as const;
type State = (typeof STATES)[number];

/** One endpoint's delivery log: every event sent, each attempt, and a resend button. */
export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<State | "">("");
  const [openId, setOpenId] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const endpoint = useQuery(trpc.billing.webhooks.get.queryOptions({ id: endpointId }));
  const deliveries = useQuery(trpc.billing.webhooks.deliveries.queryOptions({ endpointId, page, pageSize: 25, status: status || undefined }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.billing.webhooks.pathKey() });
  const resend = useMutation(
    trpc.billing.webhooks.resend.mutationOptions({
      onSuccess: (r) => {
        toast({
          title: r.status === "delivered" ? "Delivered" : r.status === "skipped" ? "Not sent" : "Delivery failed",
          description: "error" in r ? r.error : "reason" in r ? r.reason : undefined,
          variant: r.status === "delivered" ? "success" : "error",
        });
        refresh();
      },
      onError: (error) => toast({ title: "Could not resend", description: error.message, variant: "error" }),
    }),
  );
  const reveal = useMutation(trpc.billing.webhooks.revealSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret) }));
  const rotate = useMutation(trpc.billing.webhooks.rotateSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret) }));
  const toggle = useMutation(trpc.billing.webhooks.update.mutationOptions({ onSuccess: refresh }));

  type Row = NonNullable<typeof deliveries.data>["rows"][number];
  const open = deliveries.data?.rows.find((d) => d.id === openId) ?? null;
  const columns: DataTableColumn<Row>[] = [
    { id: "created", header: "Event time", cell: (d) => formatDateTime(d.event.createdAt) },
    {
      id: "type",
      header: "Event",
      cell: (d) => (
        <button type="button" className="text-left text-primary underline-offset-2 hover:underline" onClick={() => setOpenId(d.id)}>
          <code className="text-xs">{d.event.type}</code>
          <span className="block text-xs text-muted-foreground">{d.event.id}</span>
        </button>
      ),
    },
    { id: "attempts", header: "Attempts", align: "end", cell: (d) => d.attempts },
    {
      id: "status",
      header: "State",
      cell: (d) => (
        <span className="flex flex-col gap-1">
          <StatusBadge status={d.status} />
          {d.lastError ? <span className="text-xs text-danger">{d.lastError}</span> : null}
          {d.status === "failed" && d.nextAttemptAt ? <span className="text-xs text-muted-foreground">next {formatDateTime(d.nextAttemptAt)}</span> : null}
        </span>
      ),
    },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "end",
      cell: (d) => (
        <Button size="sm" variant="outline" loading={resend.isPending && resend.variables?.id === d.id} onClick={() => resend.mutate({ id: d.id })}>
          <Send aria-hidden />
          Resend
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/billing/webhooks">Webhooks</Link>}
        title={endpoint.data?.url ?? "Endpoint"}
        description={endpoint.data ? `${endpoint.data.service.name} · ${endpoint.data.eventTypes.length ? endpoint.data.eventTypes.join(", ") : "all events"}` : undefined}
        actions={
          endpoint.data ? (
            <>
              <Button variant="outline" onClick={() => reveal.mutate({ id: endpointId })} loading={reveal.isPending}>
                Show secret
              </Button>
              <Button variant="outline" onClick={() => rotate.mutate({ id: endpointId })} loading={rotate.isPending}>
                Rotate secret
              </Button>
              <Button variant="outline" onClick={() => toggle.mutate({ id: endpointId, active: !endpoint.data.active })}>
                {endpoint.data.active ? "Pause" : "Resume"}
              </Button>
            </>
          ) : null
        }
      />
      {endpoint.error ? <Alert variant="danger">{endpoint.error.message}</Alert> : null}
      {secret ? (
        <Alert variant="info" title="Signing secret">
          <Input readOnly value={secret} aria-label="Signing secret" className="mt-2 font-mono" onFocus={(e) => e.target.select()} />
        </Alert>
      ) : null}
      <div className="space-y-4">
        <FilterSelect aria-label="Filter by state" value={status} onValueChange={withFirstPage(setPage)(setStatus)} allLabel="All states" values={STATES} labelOf={statusLabel} />
        <DataTable
          label="Deliveries"
          columns={columns}
          rows={deliveries.data?.rows ?? []}
          getRowId={(d) => d.id}
          loading={deliveries.isLoading}
          paging={deliveries.data ? { page: deliveries.data.page, pageSize: deliveries.data.pageSize, total: deliveries.data.total } : undefined}
          onPageChange={setPage}
          empty={<EmptyState icon={Send} title="Nothing sent yet" description="Events appear here as invoices are issued and paid." />}
        />
      </div>
      <Dialog open={open !== null} onOpenChange={(o) => !o && setOpenId(null)}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>{open?.event.type}</DialogTitle>
            <DialogDescription>The exact body sent (and signed) on every attempt.</DialogDescription>
          </DialogHeader>
          <pre className="max-h-64 overflow-auto rounded-md bg-muted p-3 text-xs">{open ? JSON.stringify(JSON.parse(open.event.payload), null, 2) : null}</pre>
          <h3 className="text-sm font-medium">Attempts</h3>
          <ol className="space-y-1 text-sm">
            {open?.log.map((a) => (
              <li key={a.id}>
                #{a.attempt} · {formatDateTime(a.startedAt, { seconds: true })} · {a.statusCode ?? "no answer"} · {a.durationMs} ms
                {a.error ? <span className="text-danger"> · {a.error}</span> : null}
              </li>
            ))}
          </ol>
        </DialogContent>
      </Dialog>
    </>
  );
}
