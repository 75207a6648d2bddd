"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";

interface Props {
  invoice: { id: string; number: string | null; legacyId: string; total: string; processorTotal: string | null; processorId: string | null };
  onClose: () => void;
}

/** Accept the processor's or the legacy total, with a note, so a held invoice may post. */
export function SettleMismatchDialog({ invoice, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const processor = invoice.processorId?.startsWith("lago:") ? "Lago" : "Stripe";
  const [side, setSide] = useState<"processor" | "legacy">("processor");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ note?: string; form?: string }>({});
  const accept = useMutation(
    trpc.ledger.invoices.acceptMismatch.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.ledger.pathKey() });
        onClose();
      },
      onError: (e) => {
        const note = fieldErrorsOf(e).note?.[0];
        setErrors(note ? { note } : { form: e.message });
      },
    }),
  );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Settle the totals of {invoice.number ?? invoice.legacyId}</DialogTitle>
          <DialogDescription>
            {processor} says {invoice.processorTotal}, legacy says {invoice.total}. Accepting {processor}&apos;s total adds the difference to receivables and Other income in
            the draft; accepting the legacy total posts the draft as ingested.
          </DialogDescription>
        </DialogHeader>
        <form
          id="settle-mismatch"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            accept.mutate({ id: invoice.id, side, note });
          }}
        >
          <FormField label="Accept">
            <NativeSelect
              value={side}
              onChange={(e) => setSide(e.target.value as "processor" | "legacy")}
              options={[{ value: "processor", label: `${processor}'s total (${invoice.processorTotal})` }, { value: "legacy", label: `The legacy total (${invoice.total})` }]}
            />
          </FormField>
          <FormField label="Note" error={errors.note}>
            <Textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why this side is right" />
          </FormField>
          {errors.form && <p role="alert" className="text-danger text-sm">{errors.form}</p>}
        </form>
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>Cancel</Button>
          <Button type="submit" form="settle-mismatch" loading={accept.isPending}>Accept and unblock</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
