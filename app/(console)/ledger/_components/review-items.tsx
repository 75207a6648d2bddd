"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { GitCompare } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { formatDateOnly } from "@/lib/date-only";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";
import type { LedgerOutputs } from "./router-types";

type Item = LedgerOutputs["review"]["list"]["rows"][number];
const isoDay = (d: Date) => new Date(d).toISOString().slice(0, 10);

/** Changes upstream of posted entries: both sides, then acknowledge or write an adjusting draft, with a note. */
export function ReviewItems() {
  const trpc = useTRPC();
  const [state, setState] = useState<"open" | "resolved">("open");
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.ledger.review.list.queryOptions({ state, page, pageSize: 10 }));
  return (
    <section aria-labelledby="ledger-review-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="ledger-review-title" className="text-lg font-semibold">Changes upstream of posted entries</h2>
          <p className="text-muted-foreground text-sm">A posted entry never changes: acknowledge the change, or write a draft that reverses it and books what the source says now.</p>
        </div>
        <NativeSelect
          aria-label="Show"
          value={state}
          onChange={(e) => { setState(e.target.value as "open" | "resolved"); setPage(1); }}
          options={[{ value: "open", label: "Open" }, { value: "resolved", label: "Resolved" }]}
        />
      </div>
      {list.data && list.data.total === 0 ? (
        <EmptyState icon={GitCompare} title={state === "open" ? "Nothing to review" : "Nothing resolved yet"} description="A change to a posted invoice at the legacy source shows up here after the next ingest." />
      ) : (
        list.data?.rows.map((item) => <ReviewItemCard key={item.id} item={item} />)
      )}
      {list.data && list.data.total > 10 && <Pagination page={page} pageSize={10} total={list.data.total} onPageChange={setPage} disabled={list.isFetching} />}
    </section>
  );
}

function ReviewItemCard({ item }: { item: Item }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ledger.pathKey() });
  const resolve = useMutation(
    trpc.ledger.review.resolve.mutationOptions({
      onSuccess: () => { setError(null); void refresh(); },
      onError: (e) => setError(fieldErrorsOf(e).note?.[0] ?? e.message),
    }),
  );
  const postAdjustment = useMutation(
    trpc.ledger.review.postAdjustment.mutationOptions({
      onSuccess: () => { toast({ title: "Adjusting entry posted", variant: "success" }); void refresh(); },
      onError: (e) => toast({ title: "Could not post", description: e.message, variant: "error" }),
    }),
  );
  const title = item.invoice?.number ?? item.invoice?.legacyId ?? "Invoice";
  return (
    <Card aria-label={`Change to ${title}`}>
      <CardHeader>
        <CardTitle>{title}{item.invoice?.partner ? ` · ${item.invoice.partner}` : ""}</CardTitle>
        <CardDescription>{item.reason} (seen {formatDateOnly(isoDay(item.createdAt))})</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="min-w-0">
            <h3 className="mb-1 text-sm font-medium">Posted{item.posted ? ` (${item.posted.ref}, ${formatDateOnly(isoDay(item.posted.date))})` : ""}</h3>
            <Table aria-label={`Posted lines of ${title}`}>
              <TableHeader>
                <TableRow>
                  <TableHead>Line</TableHead>
                  <TableHead className="text-right">Debit</TableHead>
                  <TableHead className="text-right">Credit</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {item.posted?.lines.map((l, i) => (
                  <TableRow key={i}>
                    <TableCell>{l.description}<span className="text-muted-foreground block text-xs">{l.account}</span></TableCell>
                    <TableCell className="text-right tabular-nums">{l.debit}</TableCell>
                    <TableCell className="text-right tabular-nums">{l.credit}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className="min-w-0">
            <h3 className="mb-1 text-sm font-medium">The source now</h3>
            {item.sourceNow ? (
              <Table aria-label={`Source lines of ${title}`}>
                <TableHeader>
                  <TableRow>
                    <TableHead>Item</TableHead>
                    <TableHead className="text-right">Amount</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {item.sourceNow.items.map((l, i) => (
                    <TableRow key={i}>
                      <TableCell>{l.description}</TableCell>
                      <TableCell className="text-right tabular-nums">{l.amount}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow><TableCell>Subtotal</TableCell><TableCell className="text-right tabular-nums">{item.sourceNow.subtotal}</TableCell></TableRow>
                  <TableRow><TableCell>Tax</TableCell><TableCell className="text-right tabular-nums">{item.sourceNow.tax}</TableCell></TableRow>
                  <TableRow className="font-semibold"><TableCell>Total</TableCell><TableCell className="text-right tabular-nums">{item.sourceNow.total}</TableCell></TableRow>
                </TableBody>
              </Table>
            ) : (
              <p className="text-muted-foreground text-sm">Not on record for this item.</p>
            )}
          </div>
        </div>
        {item.resolvedAt ? (
          <div className="space-y-2 text-sm">
            <p>
              {item.resolution === "adjusted" ? "Adjusted" : "Acknowledged"} by {item.resolvedBy} on {formatDateOnly(isoDay(item.resolvedAt))}: {item.note}
            </p>
            {item.adjustment && (
              <p className="flex flex-wrap items-center gap-2">
                Adjusting entry: {item.adjustment.state}
                {item.adjustment.state === "draft" && (
                  <Button size="sm" onClick={() => postAdjustment.mutate({ id: item.id })} loading={postAdjustment.isPending}>
                    Post adjusting entry
                  </Button>
                )}
              </p>
            )}
          </div>
        ) : (
          <div className="space-y-2">
            <FormField label="Note" error={error}>
              <Textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why the books stay, or why they change" />
            </FormField>
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" loading={resolve.isPending} onClick={() => resolve.mutate({ id: item.id, action: "acknowledge", note })}>
                Acknowledge
              </Button>
              <Button loading={resolve.isPending} disabled={!item.sourceNow} onClick={() => resolve.mutate({ id: item.id, action: "adjust", note })}>
                Write adjusting draft
              </Button>
            </div>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
