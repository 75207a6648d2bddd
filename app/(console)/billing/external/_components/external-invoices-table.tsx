"use client";

import { useQuery } from "@tanstack/react-query";
import { Receipt } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { formatDate, formatMoney } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

const STATE = {
  paid: { label: "Paid", tone: "success" },
  part_paid: { label: "Part paid", tone: "warning" },
  unpaid: { label: "Unpaid", tone: "info" },
} as const;

/**
 * Invoices imported from Ascora's Accounting API, with their payments;
 * `customerId` narrows it to one customer. Compact (the customer page): a
 * titled section that stays away for customers Ascora never invoiced.
 */
export function ExternalInvoicesTable({ customerId, compact = false }: { customerId?: string; compact?: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const list = useQuery(trpc.billing.external.invoices.queryOptions({ page, pageSize: compact ? 10 : 25, search: search || undefined, customerId }));
  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "number",
      header: "Invoice",
      cell: (i) => (
        <div>
          <div className="font-medium">{i.invoiceNumber}</div>
          <div className="text-xs text-muted-foreground">
            {i.lines.length} line{i.lines.length === 1 ? "" : "s"}
            {i.lines[0]?.description ? ` · ${i.lines[0].description}` : ""}
          </div>
        </div>
      ),
    },
    ...(customerId ? [] : [{ id: "customer", header: "Customer", cell: (i: Row) => i.customerName }]),
    { id: "date", header: "Date", cell: (i) => formatDate(i.invoiceDate) },
    { id: "due", header: "Due", cell: (i) => formatDate(i.dueDate) },
    { id: "total", header: "Total", align: "end", cell: (i) => <span className="tabular-nums">{formatMoney(i.total, i.currency)}</span> },
    { id: "paid", header: "Paid", align: "end", cell: (i) => <span className="tabular-nums">{formatMoney(i.paid, i.currency)}</span> },
    {
      id: "state",
      header: "State",
      cell: (i) => (
        <div className="flex flex-col items-start gap-1">
          <Badge variant={STATE[i.state].tone}>{STATE[i.state].label}</Badge>
          {i.markedAt ? null : <span className="text-xs text-muted-foreground">Not yet marked in Ascora</span>}
        </div>
      ),
    },
  ];
  if (compact && list.data?.total === 0) return null;
  return (
    <div className="space-y-4">
      {compact ? <h2 className="text-lg font-semibold">Invoices from Ascora</h2> : (
        <SearchInput aria-label="Search external invoices" placeholder="Invoice number or customer" value={search} onValueChange={withFirstPage(setPage)(setSearch)} />
      )}
      <DataTable
        label="External invoices"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(i) => i.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={Receipt}
            title="No invoices from Ascora"
            description="Invoices come in with each pull of an Ascora connection, for customers that are linked to Ascora."
          />
        }
      />
    </div>
  );
}
