"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { PageState } from "@/components/ui/pagination";
import { formatDecimalHours, formatHoursMinutes } from "@/lib/hour-cards/format-minutes";
import type { HourCardStatusValue } from "@/lib/validators/hour-cards";
import { formatDate } from "@/lib/utils";
import { CardStatusBadge } from "./card-status-badge";

export interface HourCardTableRow {
  id: string;
  name: string;
  status: HourCardStatusValue;
  purchasedMinutes: number;
  balanceMinutes: number;
  purchasedAt: Date | string;
  expiresAt: Date | string | null;
  customer: { id: string; name: string };
}

/** Cards with purchased / used / left in h:mm; `linkCards` links each to its console page. */
export function HourCardsTable({
  rows,
  label,
  linkCards = false,
  showCustomer = true,
  paging,
  onPageChange,
  loading,
  empty,
}: {
  rows: readonly HourCardTableRow[];
  label: string;
  linkCards?: boolean;
  showCustomer?: boolean;
  paging?: PageState;
  onPageChange?: (page: number) => void;
  loading?: boolean;
  empty?: React.ReactNode;
}) {
  const columns: DataTableColumn<HourCardTableRow>[] = [
    {
      id: "name",
      header: "Card",
      cell: (r) =>
        linkCards ? (
          <Link href={`/hour-cards/${r.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
            {r.name}
          </Link>
        ) : (
          <span className="font-medium">{r.name}</span>
        ),
    },
    ...(showCustomer ? [{ id: "customer", header: "Customer", cell: (r: HourCardTableRow) => r.customer.name }] : []),
    { id: "status", header: "Status", cell: (r) => <CardStatusBadge status={r.status} /> },
    { id: "purchased", header: "Purchased", align: "end", cell: (r) => formatHoursMinutes(r.purchasedMinutes) },
    { id: "used", header: "Used", align: "end", cell: (r) => formatHoursMinutes(r.purchasedMinutes - r.balanceMinutes) },
    {
      id: "balance",
      header: "Left",
      align: "end",
      cell: (r) => (
        <span title={formatDecimalHours(r.balanceMinutes)} className={r.balanceMinutes < 0 ? "font-semibold text-danger" : "font-semibold"}>
          {formatHoursMinutes(r.balanceMinutes)}
        </span>
      ),
    },
    { id: "purchasedAt", header: "Bought", cell: (r) => formatDate(r.purchasedAt) },
    { id: "expiresAt", header: "Expires", cell: (r) => (r.expiresAt ? formatDate(r.expiresAt) : "Never") },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      getRowId={(r) => r.id}
      label={label}
      paging={paging}
      onPageChange={onPageChange}
      loading={loading}
      empty={empty}
    />
  );
}
