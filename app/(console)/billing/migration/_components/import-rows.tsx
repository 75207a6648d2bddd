"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { NativeSelect } from "@/components/ui/native-select";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "../../_components/router-types";
import { CursorPager } from "./cursor-pager";

type Result = RouterOutputs["legacyBilling"]["imports"]["results"]["rows"][number];
const OUTCOMES = ["created", "updated", "unchanged", "skipped", "failed"] as const;

const columns: DataTableColumn<Result>[] = [
  { id: "entity", header: "Kind", cell: (r) => r.entity },
  { id: "label", header: "Row", cell: (r) => r.label, className: "break-all" },
  { id: "outcome", header: "Outcome", cell: (r) => <Badge variant={r.outcome === "failed" ? "danger" : r.outcome === "skipped" ? "warning" : "secondary"}>{r.outcome}</Badge> },
  { id: "reason", header: "Reason", cell: (r) => r.reason ?? "" },
];

/** One import run's per-row results, filtered by outcome, paged. Remount (key) per run. */
export function ImportRows({ runId, live }: { runId: string; live: boolean }) {
  const trpc = useTRPC();
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number] | "">("");
  const [cursors, setCursors] = useState<string[]>([]);
  const results = useQuery({
    ...trpc.legacyBilling.imports.results.queryOptions({ runId, outcome: outcome || undefined, cursor: cursors.at(-1) }),
    refetchInterval: live ? 2000 : false,
  });
  return (
    <section aria-label="Rows of the selected run" className="grid gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <label className="grid gap-1 text-sm">
          Outcome
          <NativeSelect
            value={outcome}
            onChange={(e) => (setOutcome(e.target.value as typeof outcome), setCursors([]))}
            options={[{ value: "", label: "All" }, ...OUTCOMES.map((o) => ({ value: o, label: o }))]}
          />
        </label>
      </div>
      <DataTable label="Import rows" columns={columns} rows={results.data?.rows ?? []} getRowId={(r) => r.id} loading={results.isLoading} />
      <CursorPager cursors={cursors} nextCursor={results.data?.nextCursor} onChange={setCursors} />
    </section>
  );
}
