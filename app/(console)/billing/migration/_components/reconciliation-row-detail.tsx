"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useTRPC } from "@/lib/trpc/react";
import type { ReconRow } from "./reconciliation-card";

function Lines({ title, lines }: { title: string; lines: ReadonlyArray<{ description: string; amount: string; invoice?: string | null }> }) {
  return (
    <div>
      <h4 className="text-sm font-medium">{title}</h4>
      {lines.length === 0 ? (
        <p className="text-sm text-muted-foreground">No lines.</p>
      ) : (
        <ul className="text-sm">
          {lines.map((l, i) => (
            <li key={i} className="flex justify-between gap-4 border-b border-border py-1">
              <span className="break-words">
                {l.description}
                {l.invoice ? <span className="text-muted-foreground"> · {l.invoice}</span> : null}
              </span>
              <span className="tabular-nums">{l.amount}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Both sides' lines of one row, its note, and resolve. */
export function ReconciliationRowDetail({ row, onChanged }: { row: ReconRow; onChanged: () => void }) {
  const trpc = useTRPC();
  const [note, setNote] = useState(row.note ?? "");
  const review = useMutation(trpc.legacyBilling.reconciliation.review.mutationOptions({ onSuccess: onChanged }));
  return (
    <section aria-label={`Details of ${row.customerName} ${row.period}`} className="grid gap-4 rounded-md border border-border p-4">
      <div className="grid gap-4 md:grid-cols-2">
        <Lines title={`Switchboard (${row.switchboardAmount})`} lines={row.switchboardLines} />
        <Lines title={`Legacy (${row.legacyAmount})`} lines={row.legacyLines} />
      </div>
      <FormField label="Note" description="Say why a difference is acceptable before resolving it.">
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={() => review.mutate({ id: row.id, note, resolve: false })} disabled={review.isPending}>
          Save note
        </Button>
        {row.status === "delta" ? (
          <Button onClick={() => review.mutate({ id: row.id, note, resolve: true })} disabled={review.isPending}>
            Resolve
          </Button>
        ) : null}
      </div>
      {review.error ? <Alert variant="danger">{review.error.message}</Alert> : null}
    </section>
  );
}
