"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileText } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { formatDateOnly } from "@/lib/date-only";
import { useTRPC } from "@/lib/trpc/react";
import { ledgerVerificationValues } from "@/lib/validators/ledger";
import { SettleMismatchDialog } from "./settle-mismatch-dialog";

type Verification = (typeof ledgerVerificationValues)[number] | "blocked";
const isoDay = (d: Date) => new Date(d).toISOString().slice(0, 10);
const BADGE: Record<string, "info" | "success" | "warning" | "secondary"> = { pending: "info", verified: "success", waiting: "warning", skipped: "secondary" };

/** The review list: filter, search, select verified drafts and post them. */
export function LedgerInvoices() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [verification, setVerification] = useState<Verification | "">("");
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [settling, setSettling] = useState<string | null>(null);
  const list = useQuery(
    trpc.ledger.invoices.list.queryOptions({
      page,
      pageSize: 25,
      ...(verification === "blocked" ? { blocked: true } : { verification: verification || undefined }),
      search: search.trim() || undefined,
    }),
  );
  const post = useMutation(
    trpc.ledger.invoices.post.mutationOptions({
      onSuccess: (results) => {
        const posted = results.filter((r) => r.status === "posted").length;
        const refused = results.filter((r) => r.status === "not_verified" || r.status === "failed" || r.status === "blocked");
        toast({
          title: `${posted} invoice(s) posted`,
          description: refused.length ? `${refused.length} not posted: ${refused[0]!.message ?? "not verified"}` : undefined,
          variant: refused.length ? "error" : "success",
        });
        setSelected(new Set());
        void queryClient.invalidateQueries({ queryKey: trpc.ledger.pathKey() });
      },
      onError: (e) => toast({ title: "Posting failed", description: e.message, variant: "error" }),
    }),
  );
  const rows = list.data?.rows ?? [];
  const isPostable = (r: (typeof rows)[number]) => r.verification === "verified" && r.entryState === "draft" && !r.blocked;
  const postable = rows.filter(isPostable);
  const settlingRow = rows.find((r) => r.id === settling);
  const toggle = (id: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });

  return (
    <section aria-labelledby="ledger-invoices-title" className="space-y-3">
      <h2 id="ledger-invoices-title" className="text-lg font-semibold">Legacy invoices</h2>
      <div className="flex flex-wrap items-end gap-3">
        <Input
          aria-label="Search number, customer or processor id"
          placeholder="Search number, customer, in_… or lago:…"
          value={search}
          onChange={(e) => { setSearch(e.target.value); setPage(1); }}
          className="w-full sm:w-72"
        />
        <NativeSelect
          aria-label="Verification"
          value={verification}
          onChange={(e) => { setVerification(e.target.value as Verification | ""); setPage(1); }}
          options={[
            { value: "", label: "All states" },
            ...ledgerVerificationValues.map((v) => ({ value: v, label: v[0]!.toUpperCase() + v.slice(1) })),
            { value: "blocked", label: "Totals differ" },
          ]}
        />
        <Button disabled={selected.size === 0} loading={post.isPending} onClick={() => post.mutate({ ids: [...selected] })}>
          Post selected ({selected.size})
        </Button>
        <Button variant="outline" loading={post.isPending} onClick={() => post.mutate({ all: true })}>
          Post all verified
        </Button>
      </div>
      {list.data && list.data.total === 0 ? (
        <EmptyState icon={FileText} title="No invoices here" description={search || verification ? "Nothing matches these filters." : "Save the legacy database on the billing migration page, then choose Ingest now."} />
      ) : (
        <Table aria-label="Legacy invoices">
          <TableHeader>
            <TableRow>
              <TableHead>
                <Checkbox
                  aria-label="Select every verified draft on this page"
                  checked={postable.length > 0 && postable.every((r) => selected.has(r.id))}
                  onCheckedChange={(v) => postable.forEach((r) => toggle(r.id, v === true))}
                />
              </TableHead>
              <TableHead>Number</TableHead>
              <TableHead>Customer</TableHead>
              <TableHead>Source</TableHead>
              <TableHead className="text-right">Total</TableHead>
              <TableHead>Verification</TableHead>
              <TableHead>Date (source)</TableHead>
              <TableHead>Paid</TableHead>
              <TableHead>Entry</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <Checkbox
                    aria-label={`Select ${r.number ?? r.legacyId}`}
                    disabled={!isPostable(r)}
                    checked={selected.has(r.id)}
                    onCheckedChange={(v) => toggle(r.id, v === true)}
                  />
                </TableCell>
                <TableCell className="font-medium">
                  {r.number ?? r.legacyId}
                  {r.taxMismatch && <Badge variant="danger" className="ml-2">tax ≠ source</Badge>}
                  {r.unmatchedLines > 0 && <Badge variant="warning" className="ml-2">{r.unmatchedLines} unmatched</Badge>}
                </TableCell>
                <TableCell>{r.partner ?? "—"}</TableCell>
                <TableCell className="font-mono text-xs">{r.processorId ?? "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{r.total}</TableCell>
                <TableCell>
                  <Badge variant={BADGE[r.verification] ?? "secondary"}>{r.verification}</Badge>
                  {r.blocked && <Badge variant="danger" className="ml-2">blocked</Badge>}
                  {r.verifyReason && <p className="text-muted-foreground mt-1 text-xs">{r.verifyReason}</p>}
                  {r.blocked && (
                    <Button size="sm" variant="outline" className="mt-1" aria-label={`Settle the totals of ${r.number ?? r.legacyId}`} onClick={() => setSettling(r.id)}>
                      Settle totals
                    </Button>
                  )}
                  {r.mismatchNote && <p className="text-muted-foreground mt-1 text-xs">Note: {r.mismatchNote}</p>}
                </TableCell>
                <TableCell>{r.invoiceDate ? formatDateOnly(isoDay(r.invoiceDate)) : "—"}</TableCell>
                <TableCell>{r.paid ? (r.paidAt ? formatDateOnly(isoDay(r.paidAt)) : "yes") : "no"}</TableCell>
                <TableCell>{r.entryState ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {settlingRow && <SettleMismatchDialog invoice={settlingRow} onClose={() => setSettling(null)} />}
      {list.data && list.data.total > 0 && (
        <Pagination page={page} pageSize={25} total={list.data.total} onPageChange={setPage} disabled={list.isFetching} />
      )}
    </section>
  );
}
