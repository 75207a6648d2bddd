"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { IngestResult } from "./ingest-result";
import type { LedgerOutputs } from "./router-types";

/** "Ingest…" (dry run first by default), "Verify now" and the auto-post switch: the daily job's steps on demand. */
export function LedgerActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ledger.pathKey() });
  const settings = useQuery(trpc.ledger.invoices.settings.queryOptions());
  const [open, setOpen] = useState(false);
  // Null until the admin touches it: then the first ingest defaults to a dry run.
  const [dryRunChoice, setDryRunChoice] = useState<boolean | null>(null);
  const dryRun = dryRunChoice ?? settings.data?.lastIngestAt == null;
  const [result, setResult] = useState<LedgerOutputs["invoices"]["ingest"] | null>(null);
  const ingest = useMutation(
    trpc.ledger.invoices.ingest.mutationOptions({
      onSuccess: (s) => {
        setResult(s);
        if (!s.dryRun) void refresh();
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
      <Button
        onClick={() => {
          setResult(null);
          setDryRunChoice(null);
          setOpen(true);
        }}
      >
        Ingest…
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
          <DialogHeader>
            <DialogTitle>Ingest legacy invoices</DialogTitle>
            <DialogDescription>
              Reads the legacy database saved on the billing migration page. A dry run reports what would be created, updated and flagged and writes nothing; a real
              run writes drafts, which post only after verification and review.
            </DialogDescription>
          </DialogHeader>
          <div className="flex items-center gap-2">
            <Checkbox id="ledger-dry-run" checked={dryRun} onCheckedChange={(v) => setDryRunChoice(v === true)} />
            <Label htmlFor="ledger-dry-run">Dry run (write nothing)</Label>
          </div>
          {result && <IngestResult summary={result} />}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Close
            </Button>
            <Button onClick={() => ingest.mutate({ dryRun })} loading={ingest.isPending}>
              {dryRun ? "Run dry run" : "Ingest as drafts"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
