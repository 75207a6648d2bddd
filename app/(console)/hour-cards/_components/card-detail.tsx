"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CardStatusBadge } from "@/components/hour-cards/card-status-badge";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard } from "@/components/ui/stat-card";
import { formatDecimalHours, formatHoursMinutes } from "@/lib/hour-cards/format-minutes";
import { useTRPC } from "@/lib/trpc/react";
import { formatDate, formatDateTime } from "@/lib/utils";
import { CardActions } from "./card-actions";

const KIND_LABELS: Record<string, string> = { top_up: "Top-up", consumption: "Consumption", adjustment: "Adjustment", expiry: "Expiry" };

interface LedgerRow {
  id: string;
  kind: string;
  minutes: number;
  reason: string;
  createdAt: Date;
  actorName: string;
  ticket: { number: string; subject: string } | null;
}

const LEDGER_COLUMNS: DataTableColumn<LedgerRow>[] = [
  { id: "when", header: "When", cell: (r) => formatDateTime(r.createdAt) },
  { id: "kind", header: "Kind", cell: (r) => KIND_LABELS[r.kind] ?? r.kind },
  { id: "minutes", header: "Change", align: "end", cell: (r) => <span className={r.minutes < 0 ? "text-danger" : "text-success"}>{r.minutes > 0 ? "+" : ""}{formatHoursMinutes(r.minutes)}</span> },
  {
    id: "reason",
    header: "Reason",
    cell: (r) => (
      <span className="break-words">
        {r.reason}
        {r.ticket ? (
          <>
            {" · "}
            <Link href={`/tickets/${r.ticket.number}`} className="text-primary underline-offset-2 hover:underline">
              {r.ticket.number}
            </Link>
          </>
        ) : null}
      </span>
    ),
  },
  { id: "actor", header: "By", cell: (r) => r.actorName },
];

/** One card: its numbers, its ledger (paged, newest first) and, for admins, top-up, adjustment and closing. */
export function CardDetail({ id, admin }: { id: string; admin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const card = useQuery(trpc.hourCards.get.queryOptions({ cardId: id }));
  const ledger = useQuery(trpc.hourCards.ledger.queryOptions({ cardId: id, page, pageSize: 25 }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.hourCards.get.queryKey({ cardId: id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.hourCards.ledger.pathKey() });
  };

  if (card.isLoading) return <Skeleton className="h-40" />;
  if (!card.data) return <Alert variant="danger" title="Card unavailable">{card.error?.message}</Alert>;
  const c = card.data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">{c.name}</h2>
        <CardStatusBadge status={c.status} />
        <Link href={`/customers/${c.customer.id}`} className="text-sm text-primary underline-offset-2 hover:underline">
          {c.customer.name}
        </Link>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Left" value={formatHoursMinutes(c.balanceMinutes)} hint={formatDecimalHours(c.balanceMinutes)} />
        <StatCard label="Purchased" value={formatHoursMinutes(c.purchasedMinutes)} hint={c.pricePaid ? `${c.pricePaid} ${c.currency ?? ""}` : "No price recorded"} />
        <StatCard label="Bought" value={formatDate(c.purchasedAt)} />
        <StatCard label="Expires" value={c.expiresAt ? formatDate(c.expiresAt) : "Never"} />
      </div>
      {c.status === "closed" ? (
        <Alert variant="info" title={`Closed${c.closedAt ? ` on ${formatDate(c.closedAt)}` : ""}`}>
          {c.closedReason ?? "No reason recorded"}
        </Alert>
      ) : null}
      {admin && c.status !== "closed" && c.status !== "expired" ? <CardActions cardId={c.id} onChanged={refresh} /> : null}
      <Card>
        <CardHeader>
          <CardTitle as="h2">Ledger</CardTitle>
        </CardHeader>
        <CardContent>
          <DataTable
            columns={LEDGER_COLUMNS}
            rows={ledger.data?.rows ?? []}
            getRowId={(r) => r.id}
            label="Ledger"
            loading={ledger.isLoading}
            paging={ledger.data ? { page: ledger.data.page, pageSize: ledger.data.pageSize, total: ledger.data.total } : undefined}
            onPageChange={setPage}
          />
        </CardContent>
      </Card>
    </div>
  );
}
