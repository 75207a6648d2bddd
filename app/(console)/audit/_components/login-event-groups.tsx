"use client";

import { Layers } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { LoginGroupBy } from "@/lib/validators/audit";
import { formatDateTime, formatNumber } from "@/lib/utils";

interface Group {
  key: string | null;
  label: string;
  total: number;
  successes: number;
  failures: number;
  lastAt: Date | null;
}

const HEADERS: Record<LoginGroupBy, string> = { ip: "IP address", country: "Country", user: "User" };

/** Login events grouped by IP, country or user; picking a group filters the list by it. */
export function LoginEventGroups({ by, groups, loading, onPick }: { by: LoginGroupBy; groups: readonly Group[]; loading: boolean; onPick: (key: string | null) => void }) {
  const columns: DataTableColumn<Group>[] = [
    {
      id: "label",
      header: HEADERS[by],
      cell: (g) =>
        // A missing country cannot be filtered for; everything else opens the events of the group.
        by === "country" && g.key === null ? (
          g.label
        ) : (
          <button type="button" className="text-left text-primary underline-offset-2 hover:underline focus-visible:underline" onClick={() => onPick(g.key)}>
            <span className={by === "ip" ? "font-mono text-xs" : undefined}>{g.label}</span>
          </button>
        ),
    },
    { id: "total", header: "Events", align: "end", cell: (g) => formatNumber(g.total) },
    { id: "successes", header: "Successes", align: "end", cell: (g) => formatNumber(g.successes) },
    {
      id: "failures",
      header: "Failures",
      align: "end",
      cell: (g) => <span className={g.failures > 0 ? "font-medium text-danger" : undefined}>{formatNumber(g.failures)}</span>,
    },
    { id: "last", header: "Last seen (UTC)", cell: (g) => formatDateTime(g.lastAt, { zone: false }) },
  ];
  return (
    <DataTable
      label={`Login events by ${HEADERS[by].toLowerCase()}`}
      columns={columns}
      rows={groups}
      getRowId={(g) => g.key ?? "__none__"}
      loading={loading}
      empty={<EmptyState icon={Layers} title="Nothing to group" description="No events match these filters." />}
    />
  );
}
