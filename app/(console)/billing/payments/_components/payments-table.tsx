"use client";

import { useQuery } from "@tanstack/react-query";
import { Wallet } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect, SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { formatDateTime, formatMoney } from "@/lib/utils";
import { PAYMENT_STATUSES } from "@/lib/validators/billing";
import { useTRPC } from "@/lib/trpc/react";
import { StatusBadge, statusLabel } from "../../_components/status-badge";

type Status = (typeof PAYMENT_STATUSES)[number];

export function PaymentsTable() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const firstPage = withFirstPage(setPage);
  const [status, setStatus] = useState<Status | "">("");
  const [search, setSearch] = useState("");
  const list = useQuery(trpc.billing.payments.list.queryOptions({ page, pageSize: 25, status: status || undefined, search: search || undefined }));
  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    { id: "created", header: "When", cell: (p) => formatDateTime(p.createdAt) },
    {
      id: "invoice",
      header: "Invoice",
      cell: (p) => (
        <Link href={`/billing/invoices/${p.invoice.id}`} className="text-primary underline-offset-2 hover:underline">
          {p.invoice.number ?? "Draft"}
        </Link>
      ),
    },
    { id: "customer", header: "Customer", cell: (p) => p.invoice.customer.name },
    { id: "attempt", header: "Attempt", align: "end", cell: (p) => p.attempt },
    { id: "amount", header: "Amount", align: "end", cell: (p) => <span className="tabular-nums">{formatMoney(p.amount, p.currency)}</span> },
    {
      id: "status",
      header: "State",
      cell: (p) => (
        <span className="flex flex-col gap-1">
          <span className="flex gap-1">
            <StatusBadge status={p.status} />
            {p.rebuiltFromWebhook ? <Badge variant="outline">from webhook</Badge> : null}
          </span>
          {p.failureMessage ? <span className="text-xs text-danger">{p.failureCode}: {p.failureMessage}</span> : null}
        </span>
      ),
    },
    { id: "stripe", header: "Stripe", cell: (p) => <code className="text-xs">{p.stripePaymentIntentId ?? "—"}</code> },
  ];
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row">
        <SearchInput aria-label="Search payments" placeholder="Invoice, customer or PaymentIntent" value={search} onValueChange={firstPage(setSearch)} />
        <FilterSelect aria-label="Filter by state" value={status} onValueChange={firstPage(setStatus)} allLabel="All states" values={PAYMENT_STATUSES} labelOf={statusLabel} />
      </div>
      <DataTable
        label="Payments"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(p) => p.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={Wallet} title="No payments yet" description="Issued invoices are charged to the customer's saved card." />}
      />
    </div>
  );
}
