"use client";

import { useQuery } from "@tanstack/react-query";
import { FileText } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect, SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { formatDate, formatMoney } from "@/lib/utils";
import { INVOICE_STATUSES } from "@/lib/validators/billing";
import { useTRPC } from "@/lib/trpc/react";
import { StatusBadge, statusLabel } from "../../_components/status-badge";

type Status = (typeof INVOICE_STATUSES)[number];

/** Invoices with search, state filter and paging; `customerId` narrows it to one customer. */
export function InvoicesTable({ customerId, compact = false }: { customerId?: string; compact?: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const firstPage = withFirstPage(setPage);
  const [status, setStatus] = useState<Status | "">("");
  const [search, setSearch] = useState("");
  const list = useQuery(
    trpc.billing.invoices.list.queryOptions({ page, pageSize: compact ? 10 : 25, status: status || undefined, search: search || undefined, customerId }),
  );

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "number",
      header: "Invoice",
      cell: (i) => (
        <Link href={`/billing/invoices/${i.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {i.number ?? "Draft"}
        </Link>
      ),
    },
    ...(customerId ? [] : [{ id: "customer", header: "Customer", cell: (i: Row) => i.customer.name }]),
    { id: "subscription", header: "Subscription", cell: (i) => (i.subscription ? `${i.subscription.externalId} (${i.subscription.plan.code})` : "One-off") },
    { id: "period", header: "Period", cell: (i) => (i.periodStart ? `${formatDate(i.periodStart)} – ${formatDate(i.periodEnd)}` : "—") },
    { id: "total", header: "Total", align: "end", cell: (i) => <span className="tabular-nums">{formatMoney(i.total, i.currency)}</span> },
    { id: "status", header: "State", cell: (i) => <StatusBadge status={i.status} /> },
  ];

  return (
    <div className="space-y-4">
      {compact ? null : (
        <div className="flex flex-col gap-2 sm:flex-row">
          <SearchInput
            aria-label="Search invoices"
            placeholder="Number, customer or subscription"
            value={search}
            onValueChange={firstPage(setSearch)}
          />
          <FilterSelect
            aria-label="Filter by state"
            value={status}
            onValueChange={firstPage(setStatus)}
            allLabel="All states"
            values={INVOICE_STATUSES}
            labelOf={(s) => statusLabel(s)}
          />
        </div>
      )}
      <DataTable
        label="Invoices"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(i) => i.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={FileText} title="No invoices" description="Rating turns each subscription's period into a draft invoice, issued when the period closes." />}
      />
    </div>
  );
}
