"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Building2, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { SyncStateList, SYNC_STATUS_LABELS } from "@/components/crm/sync-status";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { toast } from "@/components/ui/use-toast";
import { FilterSelect, SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { useTRPC } from "@/lib/trpc/react";
import { CRM_LINK_STATUSES, type CrmLinkStatusValue } from "@/lib/validators/crm";
import { CustomerForm, EMPTY_CUSTOMER } from "./customer-form";

/** Every customer with its CRM link state and, for billing admins, card, tax rate, app accounts and subscriptions. */
export function CustomersTable({ billing }: { billing: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [page, setPage] = useState(1);
  const firstPage = withFirstPage(setPage);
  const [search, setSearch] = useState("");
  const [syncStatus, setSyncStatus] = useState<CrmLinkStatusValue | "">("");
  const [creating, setCreating] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});

  const list = useQuery({
    ...trpc.customers.list.queryOptions({ page, pageSize: 25, search: search || undefined, syncStatus: syncStatus || undefined }),
    // Sync states change in the background: keep them fresh while the page is open.
    refetchInterval: 5000,
  });
  const create = useMutation(
    trpc.customers.create.mutationOptions({
      onSuccess: (c) => {
        toast({ title: "Customer created", description: "Queued for every connected CRM.", variant: "success" });
        setCreating(false);
        void queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
        router.push(`/customers/${c.id}`);
      },
      onError: (e) => {
        setErrors((e.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {});
        if (!(e.data as { fieldErrors?: unknown } | undefined)?.fieldErrors) toast({ title: "Could not create", description: e.message, variant: "error" });
      },
    }),
  );

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "name",
      header: "Name",
      cell: (r) => (
        <Link href={`/customers/${r.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {r.name}
        </Link>
      ),
    },
    { id: "kind", header: "Kind", cell: (r) => (r.kind === "company" ? "Company" : "Person") },
    { id: "email", header: "E-mail", cell: (r) => r.email ?? "—", className: "break-all" },
    { id: "phone", header: "Phone", cell: (r) => r.phone ?? "—" },
    { id: "sync", header: "CRM sync", cell: (r) => <SyncStateList states={r.sync} compact /> },
    ...(billing
      ? ([
          { id: "accounts", header: "App accounts", cell: (r) => r.billing?.accounts.map((a) => `${a.serviceCode}:${a.externalId}`).join(", ") || "—" },
          { id: "tax", header: "Tax", align: "end", cell: (r) => (r.billing ? `${r.billing.taxRatePercent}%` : "—") },
          { id: "card", header: "Card", cell: (r) => r.billing?.paymentMethodLabel ?? <span className="text-muted-foreground">none</span> },
          { id: "subs", header: "Subscriptions", align: "end", cell: (r) => r.billing?.subscriptions ?? 0 },
        ] satisfies DataTableColumn<Row>[])
      : []),
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <SearchInput
          aria-label="Search customers"
          placeholder="Search name, e-mail, phone, tax id"
          value={search}
          onValueChange={firstPage(setSearch)}
        />
        <FilterSelect
          aria-label="Filter by sync state"
          value={syncStatus}
          onValueChange={firstPage(setSyncStatus)}
          allLabel="Any sync state"
          values={CRM_LINK_STATUSES}
          labelOf={(s) => SYNC_STATUS_LABELS[s]}
        />
        <Button className="sm:ml-auto" onClick={() => { setErrors({}); setCreating(true); }}>
          <Plus aria-hidden /> New customer
        </Button>
      </div>
      <DataTable
        label="Customers"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={Building2} title="No customers" description="Create one, pull them from a connected CRM, or let a source app create them through POST /api/billing/v1/customers." />}
      />
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent className="max-h-[90dvh] max-w-2xl overflow-y-auto">
          <DialogHeader>
            <DialogTitle>New customer</DialogTitle>
            <DialogDescription>Saved here, shared with billing, and pushed to every connected CRM.</DialogDescription>
          </DialogHeader>
          <CustomerForm initial={EMPTY_CUSTOMER} submitLabel="Create customer" pending={create.isPending} errors={errors} billing={billing} onSubmit={(v) => create.mutate(v)} />
        </DialogContent>
      </Dialog>
    </div>
  );
}
