"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

/** "Ingest now", "Verify now" and the auto-post switch: the daily job's steps on demand. */
export function LedgerActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ledger.pathKey() });
  const settings = useQuery(trpc.ledger.invoices.settings.queryOptions());
  const ingest = useMutation(
    trpc.ledger.invoices.ingest.mutationOptions({
      onSuccess: (s) => {
        toast({
          title: "Invoices ingested as drafts",
          description: `${s.counts.created} new, ${s.counts.updated} updated, ${s.counts.unchanged} unchanged, ${s.counts.review} for review, ${s.counts.skipped_zero} at $0, ${s.counts.failed} failed.`,
          variant: s.counts.failed ? "error" : "success",
        });
        void refresh();
      },
      onError: (e) => toast({ title: "Ingest failed", description: e.message, variant: "error" }),
    }),
  );
  const verify = useMutation(
    trpc.ledger.invoices.verify.mutationOptions({
      onSuccess: (s) => {
        toast({ title: "Verification done", description: `${s.verified} verified, ${s.skipped} void or draft at source, ${s.waiting} waiting.`, variant: "success" });
        void refresh();
      },
      onError: (e) => toast({ title: "Verification failed", description: e.message, variant: "error" }),
    }),
  );
  const update = useMutation(
    trpc.ledger.invoices.updateSettings.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (e) => toast({ title: "Could not save", description: e.message, variant: "error" }),
    }),
  );
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div className="flex items-center gap-2">
        <Checkbox
          id="ledger-auto-post"
          checked={settings.data?.autoPost ?? false}
          disabled={!settings.data || update.isPending}
          onCheckedChange={(v) => update.mutate({ autoPost: v === true })}
        />
        <Label htmlFor="ledger-auto-post">Auto-post verified invoices daily</Label>
      </div>
      <Button variant="outline" onClick={() => verify.mutate()} loading={verify.isPending}>
        Verify now
      </Button>
      <Button onClick={() => ingest.mutate()} loading={ingest.isPending}>
        Ingest now
      </Button>
    </div>
  );
}
