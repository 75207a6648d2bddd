"use client";

import { useQuery } from "@tanstack/react-query";
import { ReceiptText } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { formatDateTime, formatMoney } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

export function CreditNotesTable() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const list = useQuery(trpc.billing.payments.creditNotes.queryOptions({ page, pageSize: 25, search: search || undefined }));
  type Row = NonNullable<typeof list.data>["rows"][number];
  const money = (n: Row, amount: string) => formatMoney(amount, n.invoice.currency);
  const columns: DataTableColumn<Row>[] = [
    { id: "number", header: "Number", cell: (n) => n.number },
    { id: "created", header: "Issued", cell: (n) => formatDateTime(n.createdAt) },
    {
      id: "invoice",
      header: "Invoice",
      cell: (n) => (
        <Link href={`/billing/invoices/${n.invoice.id}`} className="text-primary underline-offset-2 hover:underline">
          {n.invoice.number}
        </Link>
      ),
    },
    { id: "customer", header: "Customer", cell: (n) => n.invoice.customer.name },
    { id: "reason", header: "Reason", cell: (n) => n.reason },
    { id: "total", header: "Total", align: "end", cell: (n) => <span className="tabular-nums">{money(n, n.total)}</span> },
    { id: "split", header: "Credited / refunded", align: "end", cell: (n) => <span className="tabular-nums">{money(n, n.creditAmount)} / {money(n, n.refundAmount)}</span> },
  ];
  return (
    <div className="space-y-4">
      <SearchInput aria-label="Search credit notes" placeholder="Number, reason, invoice or customer" value={search} onValueChange={withFirstPage(setPage)(setSearch)} />
      <DataTable
        label="Credit notes"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(n) => n.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={ReceiptText} title="No credit notes" description="Open an invoice and choose Credit note." />}
      />
    </div>
  );
}
