"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { formatDecimalHours as formatHours } from "@/lib/hour-cards/format-minutes";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";

const PAGE_SIZE = 20;

/** Every run, newest first: open ones resume where they stopped. */
export function RunsList() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const runs = useQuery(trpc.contractMigration.runs.list.queryOptions({ page, pageSize: PAGE_SIZE }));
  const rows = runs.data?.rows ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Runs</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 && !runs.isLoading ? (
          <EmptyState title="No runs yet" description="Start a dry run above to see what a contract's migration would do." />
        ) : (
          <ul className="divide-y" aria-label="Migration runs">
            {rows.map((r) => {
              const done = r.archivedCount + r.transferredCount + r.skippedCount + r.failedCount;
              return (
                <li key={r.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <Link href={`/contract-migration/runs/${r.id}`} className="font-medium underline-offset-4 hover:underline">
                      {r.contractNumber ?? r.contractExternalId} {r.contractName}
                    </Link>
                    <p className="text-sm text-muted-foreground">
                      {r.customerName} · {formatDateTime(r.createdAt)} · {done} of {r.itemsTotal} items · {formatHours(r.minutesTransferred)}
                      {r.failedCount ? ` · ${r.failedCount} failed` : ""}
                    </p>
                  </div>
                  <div className="flex gap-2">
                    <Badge variant={r.dryRun ? "secondary" : "default"}>{r.dryRun ? "Dry run" : "Live"}</Badge>
                    <Badge variant="outline">{r.status === "completed" ? "Completed" : "Open"}</Badge>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <Pagination page={page} pageSize={PAGE_SIZE} total={runs.data?.total ?? 0} onPageChange={setPage} />
      </CardContent>
    </Card>
  );
}
