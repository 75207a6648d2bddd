"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/lib/trpc/react";
import { formatDate } from "@/lib/utils";

const PAGE_SIZE = 25;

/** Search over archived CRM cases; each opens read-only with its full CRM record. */
export function ArchivedCases() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery(trpc.contractMigration.archivedCases.list.queryOptions({ search: query || undefined, page, pageSize: PAGE_SIZE }));
  const detail = useQuery({ ...trpc.contractMigration.archivedCases.get.queryOptions({ id: openId ?? "" }), enabled: openId !== null });
  const rows = list.data?.rows ?? [];
  return (
    <div className="space-y-4">
      <form
        role="search"
        className="flex max-w-lg items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setQuery(search.trim());
        }}
      >
        <div className="grid flex-1 gap-1.5">
          <Label htmlFor="archived-search">Search archived cases</Label>
          <Input id="archived-search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Number, title or description" />
        </div>
        <Button type="submit">Search</Button>
      </form>
      {rows.length === 0 && !list.isLoading ? (
        <EmptyState title={query ? "No archived case matches" : "No archived cases yet"} description="Cases appear here when a live contract migration archives them." />
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Archived cases">
          {rows.map((c) => (
            <li key={c.id} className="flex flex-col gap-1 p-3 sm:flex-row sm:items-center sm:justify-between">
              <button type="button" className="min-w-0 text-left" onClick={() => setOpenId(c.id)}>
                <span className="font-medium underline-offset-4 hover:underline">
                  {c.caseNumber ? `${c.caseNumber} ` : ""}
                  {c.title}
                </span>
                <span className="block text-sm text-muted-foreground">
                  {c.customerName} · {c.status ?? "no status"} · opened {c.openedAt ? formatDate(c.openedAt) : "—"} · archived {formatDate(c.archivedAt)}
                </span>
              </button>
              <Badge variant="secondary">Archived · {c.sourceSystem}</Badge>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onPageChange={setPage} />
      <Dialog open={openId !== null} onOpenChange={(o) => !o && setOpenId(null)}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>
              {detail.data?.caseNumber} {detail.data?.title}
            </DialogTitle>
            <DialogDescription>Archived from {detail.data?.sourceSystem} (CRM id {detail.data?.externalId}); read-only.</DialogDescription>
          </DialogHeader>
          {detail.data ? (
            <div className="space-y-3 text-sm">
              <p className="whitespace-pre-wrap">{detail.data.description || "No description."}</p>
              <pre className="max-h-80 overflow-auto rounded-md bg-muted p-2 text-xs">{JSON.stringify(detail.data.raw, null, 2)}</pre>
            </div>
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
