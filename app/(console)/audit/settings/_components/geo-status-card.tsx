"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { GEO_STATE_LABELS } from "@/components/audit/labels";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/use-toast";
import { formatNumber } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

const STATES = ["PENDING", "DONE", "PRIVATE", "FAILED"] as const;

/** Where geolocation stands, and "Run now" for the background job's work. */
export function GeoStatusCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.audit.settings.get.queryOptions());
  const run = useMutation(
    trpc.audit.settings.enrichGeoNow.mutationOptions({
      onSuccess: (summary) => {
        toast({
          title: `Processed ${summary.processed} row${summary.processed === 1 ? "" : "s"}`,
          description: summary.rateLimited
            ? `The provider's limit was reached; ${summary.leftPending} left for the next run.`
            : `${summary.done} located, ${summary.private} private, ${summary.failed} failed.`,
          variant: "success",
        });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
      onError: (error) => toast({ title: "Could not run", description: error.message, variant: "error" }),
    }),
  );
  const counts = current.data?.geoStates;
  return (
    <Card className="h-fit">
      <CardHeader>
        <CardTitle>Geolocation</CardTitle>
        <CardDescription>A background job locates new addresses every 5 minutes.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-2 gap-3">
          {STATES.map((state) => (
            <div key={state} className="rounded-md border p-3">
              <dt className="text-xs text-muted-foreground">{GEO_STATE_LABELS[state]}</dt>
              <dd className="text-lg font-semibold tabular-nums">{counts ? formatNumber(counts[state]) : "…"}</dd>
            </div>
          ))}
        </dl>
        <Button variant="outline" loading={run.isPending} disabled={!counts || counts.PENDING === 0} onClick={() => run.mutate()}>
          Locate pending addresses now
        </Button>
      </CardContent>
    </Card>
  );
}
