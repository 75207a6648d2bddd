"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { formatDecimalHours as formatHours } from "@/lib/hour-cards/format-minutes";
import { useTRPC } from "@/lib/trpc/react";

/** "Apply to the rest": archive every remaining case and move every remaining time log to one card, after saying how much. */
export function ApplyToRestDialog({
  runId,
  cards,
  defaultCardId,
  onDone,
}: {
  runId: string;
  cards: { id: string; label: string }[];
  defaultCardId: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [cardId, setCardId] = useState("");
  const preview = useQuery({ ...trpc.contractMigration.runs.previewRest.queryOptions({ id: runId }), enabled: open });
  const apply = useMutation(
    trpc.contractMigration.runs.applyToRest.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        onDone();
      },
    }),
  );
  const chosen = cardId || defaultCardId;
  const p = preview.data;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">Apply to the rest…</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Apply to the rest</DialogTitle>
          <DialogDescription>Every remaining case is archived and every remaining time log goes to the card below.</DialogDescription>
        </DialogHeader>
        {p ? (
          <p data-testid="apply-rest-preview">
            {p.cases} cases to archive and {p.timeLogs} time logs with {formatHours(p.minutes)} to transfer
            {p.invalidTimeLogs ? ` (${p.invalidTimeLogs} with unusable hours will fail)` : ""}.
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">Counting…</p>
        )}
        <div className="grid gap-1.5">
          <Label htmlFor="cm-rest-card">Default card</Label>
          <NativeSelect id="cm-rest-card" value={chosen} onChange={(e) => setCardId(e.target.value)} options={cards.map((c) => ({ value: c.id, label: c.label }))} />
        </div>
        {apply.error ? <Alert variant="danger" title="Not applied">{apply.error.message}</Alert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button disabled={(!chosen && (p?.timeLogs ?? 0) > 0) || apply.isPending || !p}
            onClick={() => apply.mutate({ runId, cardId: chosen || undefined })}>
            {p ? `Apply to ${p.cases + p.timeLogs} items` : "Apply"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
