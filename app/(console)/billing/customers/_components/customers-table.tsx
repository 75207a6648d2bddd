"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Users } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf } from "../../_components/form-errors";
import { CustomerForm, EMPTY_CUSTOMER } from "./customer-form";

export function CustomersTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState(false);
  const list = useQuery(trpc.billing.customers.list.queryOptions({ page, pageSize: 25, search: search || undefined }));
  const create = useMutation(
    trpc.billing.customers.create.mutationOptions({
      onSuccess: () => {
        toast({ title: "Customer created", variant: "success" });
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.billing.customers.pathKey() });
      },
    }),
  );
  const server = fieldErrorsOf(create.error);

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "name",
      header: "Customer",
      cell: (c) => (
        <Link href={`/billing/customers/${c.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {c.name}
        </Link>
      ),
    },
    { id: "email", header: "E-mail", cell: (c) => c.email ?? "—" },
    { id: "accounts", header: "App accounts", cell: (c) => c.billingAccountLinks.map((l) => `${l.service.code}:${l.externalId}`).join(", ") || "—" },
    { id: "tax", header: "Tax", align: "end", cell: (c) => `${c.taxRatePercent}%` },
    { id: "card", header: "Card", cell: (c) => c.paymentMethodLabel ?? <span className="text-muted-foreground">none</span> },
    { id: "subs", header: "Subscriptions", align: "end", cell: (c) => c._count.billingSubscriptions },
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:justify-between">
        <Input
          type="search"
          aria-label="Search customers"
          placeholder="Search name, e-mail or tax id"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          className="sm:max-w-xs"
        />
        <Button onClick={() => { create.reset(); setOpen(true); }}>
          <Plus aria-hidden />
          New customer
        </Button>
      </div>
      <DataTable
        label="Customers"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(c) => c.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={Users} title="No customers" description="Source apps create customers through POST /api/billing/v1/customers, or add one here." />}
      />
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-h-[90dvh] max-w-2xl overflow-y-auto">
          <DialogHeader>
            <DialogTitle>New customer</DialogTitle>
            <DialogDescription>The same customer record the CRM uses.</DialogDescription>
          </DialogHeader>
          <CustomerForm
            initial={EMPTY_CUSTOMER}
            submitLabel="Create customer"
            pending={create.isPending}
            serverErrors={server.fields}
            serverMessage={server.message}
            onSubmit={(input) => create.mutate(input)}
            onCancel={() => setOpen(false)}
          />
        </DialogContent>
      </Dialog>
    </div>
  );
}
