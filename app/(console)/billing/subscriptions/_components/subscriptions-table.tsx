"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MoreHorizontal, Plus, Repeat } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect, SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { toast } from "@/components/ui/use-toast";
import { formatDate } from "@/lib/utils";
import { SUBSCRIPTION_STATUSES } from "@/lib/validators/billing";
import { SHADOW_SUBSCRIPTION_LOCKED } from "@/lib/validators/legacy-billing";
import { useTRPC } from "@/lib/trpc/react";
import { StatusBadge, statusLabel } from "../../_components/status-badge";
import { ChangePlanDialog, CreateSubscriptionDialog } from "./subscription-dialogs";

type Status = (typeof SUBSCRIPTION_STATUSES)[number];

const SUBSCRIPTION_KINDS = ["live", "shadow"] as const;
const KIND_LABEL: Record<(typeof SUBSCRIPTION_KINDS)[number], string> = { live: "Live", shadow: "Shadow (legacy import)" };

export function SubscriptionsTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Status | "">("");
  const [kind, setKind] = useState<"" | "live" | "shadow">("");
  const [search, setSearch] = useState("");
  const firstPage = withFirstPage(setPage);
  const [creating, setCreating] = useState(false);
  const [changing, setChanging] = useState<{ id: string; planId: string; externalId: string } | null>(null);
  const list = useQuery(trpc.billing.subscriptions.list.queryOptions({ page, pageSize: 25, status: status || undefined, kind: kind || undefined, search: search || undefined }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
  const ok = (title: string) => () => {
    toast({ title, variant: "success" });
    refresh();
  };
  const fail = (title: string) => (error: { message: string }) => toast({ title, description: error.message, variant: "error" });
  const cancel = useMutation(trpc.billing.subscriptions.cancel.mutationOptions({ onSuccess: ok("Cancelled at period end"), onError: fail("Could not cancel") }));
  const terminate = useMutation(trpc.billing.subscriptions.terminate.mutationOptions({ onSuccess: ok("Terminated; final invoice issued"), onError: fail("Could not terminate") }));
  const pause = useMutation(trpc.billing.subscriptions.setPaused.mutationOptions({ onSuccess: ok("Saved"), onError: fail("Could not change") }));

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    { id: "external", header: "External id", cell: (s) => <code className="text-xs">{s.externalId}</code> },
    {
      id: "customer",
      header: "Customer",
      cell: (s) => (
        <Link href={`/customers/${s.customer.id}`} className="text-primary underline-offset-2 hover:underline">
          {s.customer.name}
        </Link>
      ),
    },
    {
      id: "plan",
      header: "Plan",
      cell: (s) => (
        <span>
          {s.plan.name}
          {s.pendingPlan ? <span className="block text-xs text-muted-foreground">→ {s.pendingPlan.name} next period</span> : null}
        </span>
      ),
    },
    { id: "service", header: "App", cell: (s) => s.service.code },
    { id: "period", header: "Current period", cell: (s) => `${formatDate(s.currentPeriodStart)} – ${formatDate(s.currentPeriodEnd)}` },
    {
      id: "status",
      header: "State",
      cell: (s) => (
        <span className="flex flex-wrap gap-1">
          <StatusBadge status={s.status} />
          {s.shadow ? <Badge variant="outline">Shadow (legacy import)</Badge> : null}
        </span>
      ),
    },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "end",
      cell: (s) =>
        s.status === "terminated" && !s.shadow ? null : (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" aria-label={`Actions for ${s.externalId}`}>
                <MoreHorizontal aria-hidden />
              </Button>
            </DropdownMenuTrigger>
            {s.shadow ? (
              <DropdownMenuContent align="end" className="max-w-xs">
                {/* Shadows are locked on the server too; the menu says why instead of offering actions that would fail. */}
                <DropdownMenuLabel className="font-normal text-muted-foreground">{SHADOW_SUBSCRIPTION_LOCKED}.</DropdownMenuLabel>
                <DropdownMenuItem asChild>
                  <Link href="/billing/migration">Open the migration</Link>
                </DropdownMenuItem>
              </DropdownMenuContent>
            ) : (
              <DropdownMenuContent align="end">
                {s.status !== "cancelled" ? (
                  <DropdownMenuItem onSelect={() => setChanging({ id: s.id, planId: s.plan.id, externalId: s.externalId })}>Change plan…</DropdownMenuItem>
                ) : null}
                {s.status === "paused" ? (
                  <DropdownMenuItem onSelect={() => pause.mutate({ id: s.id, paused: false })}>Resume</DropdownMenuItem>
                ) : s.status === "active" || s.status === "past_due" ? (
                  <DropdownMenuItem onSelect={() => pause.mutate({ id: s.id, paused: true })}>Pause (bill usage only)</DropdownMenuItem>
                ) : null}
                {s.status !== "cancelled" ? <DropdownMenuItem onSelect={() => cancel.mutate({ id: s.id })}>Cancel at period end</DropdownMenuItem> : null}
                <DropdownMenuItem onSelect={() => terminate.mutate({ id: s.id })}>Terminate now and invoice</DropdownMenuItem>
              </DropdownMenuContent>
            )}
          </DropdownMenu>
        ),
    },
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row">
        <SearchInput aria-label="Search subscriptions" placeholder="External id, customer or plan" value={search} onValueChange={firstPage(setSearch)} />
        <FilterSelect aria-label="Filter by state" value={status} onValueChange={firstPage(setStatus)} allLabel="All states" values={SUBSCRIPTION_STATUSES} labelOf={statusLabel} />
        <FilterSelect
          aria-label="Live or shadow"
          value={kind}
          onValueChange={firstPage(setKind)}
          allLabel="Live and shadow"
          values={SUBSCRIPTION_KINDS}
          labelOf={(k) => KIND_LABEL[k]}
          className="sm:max-w-56"
        />
        <span className="flex-1" />
        <Button onClick={() => setCreating(true)}>
          <Plus aria-hidden />
          New subscription
        </Button>
      </div>
      <DataTable
        label="Subscriptions"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(s) => s.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={Repeat} title="No subscriptions" description="Source apps subscribe customers through POST /api/billing/v1/subscriptions." />}
      />
      <CreateSubscriptionDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={() => {
          setCreating(false);
          ok("Subscription created")();
        }}
      />
      <ChangePlanDialog
        subscription={changing}
        onClose={() => setChanging(null)}
        onChanged={() => {
          setChanging(null);
          ok("Plan change saved")();
        }}
      />
    </div>
  );
}
