"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PageHeader } from "@/components/ui/page-header";
import { Progress } from "@/components/ui/progress";
import { formatDecimalHours as formatHours } from "@/lib/hour-cards/format-minutes";
import { useTRPC } from "@/lib/trpc/react";
import { ApplyToRestDialog } from "./apply-to-rest-dialog";
import { ItemDetails } from "./item-details";
import { RunSummary } from "./run-summary";
import { StateBadge } from "./state-badge";

/** True while the user types in a field, so letter keys are text there, not wizard shortcuts. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable);
}

/** Step 2: one item at a time (A archive, T transfer, S skip, ← →), with the run's live counters. */
export function RunWizard({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const run = useQuery(trpc.contractMigration.runs.get.queryOptions({ id: runId }));
  const cards = useQuery(trpc.contractMigration.runs.cards.queryOptions({ id: runId }));
  const [viewing, setViewing] = useState<string | null>(null);
  const [cardId, setCardId] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);

  const refresh = () =>
    Promise.all([
      qc.invalidateQueries(trpc.contractMigration.runs.get.queryFilter({ id: runId })),
      qc.invalidateQueries(trpc.contractMigration.runs.cards.queryFilter({ id: runId })),
    ]);
  const process = useMutation(
    trpc.contractMigration.runs.processItem.mutationOptions({
      onSuccess: () => {
        setProblem(null);
        setReason("");
        setViewing(null);
        // Out of the reason field, so the next item's letter keys act again.
        if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
      },
      onError: (e) => setProblem(e.message),
      onSettled: () => void refresh(),
    }),
  );

  const items = run.data?.items ?? [];
  const currentId = viewing ?? run.data?.nextItemId ?? items.at(-1)?.id ?? null;
  const index = items.findIndex((i) => i.id === currentId);
  const item = index >= 0 ? items[index] : undefined;
  const chosenCard = cardId || cards.data?.[0]?.id || "";
  const pending = item?.state === "pending";

  const act = (action: "archive" | "transfer" | "skip") => {
    if (!item || !pending || process.isPending) return;
    if (action === "archive" && item.kind === "case") process.mutate({ runId, itemId: item.id, action });
    if (action === "transfer" && item.kind === "time_log") {
      if (!chosenCard) return setProblem("Pick a card first: this customer has no active card.");
      process.mutate({ runId, itemId: item.id, action, cardId: chosenCard });
    }
    if (action === "skip") {
      if (!reason.trim()) {
        setProblem("Say why it is skipped, then press Enter.");
        reasonRef.current?.focus();
        return;
      }
      process.mutate({ runId, itemId: item.id, action, reason: reason.trim() });
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === "arrowleft" && index > 0) setViewing(items[index - 1]!.id);
      else if (key === "arrowright" && index < items.length - 1) setViewing(items[index + 1]!.id);
      else if (key === "a") act("archive");
      else if (key === "t") act("transfer");
      else if (key === "s") {
        e.preventDefault();
        reasonRef.current?.focus();
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (run.error) return <Alert variant="danger" title="Cannot open the run">{run.error.message}</Alert>;
  if (!run.data) return <p className="text-sm text-muted-foreground">Loading the run…</p>;
  const r = run.data;
  const done = r.archivedCount + r.transferredCount + r.skippedCount + r.failedCount;
  const mode = r.dryRun ? "Dry run" : "Live";

  return (
    <div className="space-y-6">
      <PageHeader
        title={`${r.contractNumber ?? r.contractExternalId} ${r.contractName}`}
        description={`${r.customerName} · ${r.connectionName}`}
        actions={
          <>
            <Badge variant={r.dryRun ? "secondary" : "warning"}>{mode}</Badge>
            <Button asChild variant="outline" size="sm">
              <a href={`/api/contract-migration/runs/${r.id}/csv`} download>
                Download CSV
              </a>
            </Button>
          </>
        }
      />
      <Progress
        value={done}
        max={r.itemsTotal}
        label={r.dryRun ? "Dry run progress" : "Migration progress"}
        valueText={`${done} of ${r.itemsTotal} items`}
        tone={r.failedCount ? "danger" : r.status === "completed" ? "success" : "default"}
      />
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" aria-label="Counters">
        {[
          [r.dryRun ? "Would archive" : "Archived", r.archivedCount],
          [r.dryRun ? "Would transfer" : "Transferred", r.transferredCount],
          [r.dryRun ? "Hours that would move" : "Hours moved", formatHours(r.minutesTransferred)],
          ["Skipped", r.skippedCount],
          ["Failed", r.failedCount],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded-md border p-2">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="text-lg font-semibold" data-testid={`counter-${String(label).toLowerCase().replace(/ /g, "-")}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>

      <p className="text-sm" data-testid="customer-cards">
        {r.customerName}&apos;s active cards:{" "}
        {cards.data?.length ? cards.data.map((c) => c.label).join("; ") : "none: a time log can only be skipped until a card is added."}
      </p>

      {r.status === "completed" ? <RunSummary run={r} /> : null}

      {item ? (
        <Card>
          <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
            <CardTitle>
              Item {item.seq} of {items.length}: {item.kind === "case" ? "case" : "time log"}
            </CardTitle>
            <StateBadge state={item.state} />
          </CardHeader>
          <CardContent className="space-y-4">
            <ItemDetails item={item} />
            {problem ? <Alert variant="danger" title="Not done">{problem}</Alert> : null}
            {pending ? (
              <div className="space-y-3">
                {item.kind === "time_log" ? (
                  <div className="grid gap-1.5 sm:max-w-md">
                    <Label htmlFor="cm-card">Card for these hours</Label>
                    <NativeSelect
                      id="cm-card"
                      value={chosenCard}
                      onChange={(e) => setCardId(e.target.value)}
                      placeholder={cards.data?.length ? undefined : "No active card for this customer"}
                      options={(cards.data ?? []).map((c) => ({ value: c.id, label: c.label }))}
                    />
                  </div>
                ) : null}
                <div className="flex flex-wrap items-end gap-2">
                  {item.kind === "case" ? (
                    <Button onClick={() => act("archive")} disabled={process.isPending} aria-keyshortcuts="A">
                      Archive <kbd className="ml-1 text-xs opacity-70">A</kbd>
                    </Button>
                  ) : (
                    <Button onClick={() => act("transfer")} disabled={process.isPending || !chosenCard} aria-keyshortcuts="T">
                      Transfer <kbd className="ml-1 text-xs opacity-70">T</kbd>
                    </Button>
                  )}
                  <form
                    className="flex flex-wrap items-end gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      act("skip");
                    }}
                  >
                    <div className="grid gap-1.5">
                      <Label htmlFor="cm-reason">Skip reason</Label>
                      <input
                        id="cm-reason"
                        ref={reasonRef}
                        value={reason}
                        onChange={(e) => setReason(e.target.value)}
                        onKeyDown={(e) => e.key === "Escape" && e.currentTarget.blur()}
                        className="h-9 rounded-md border bg-background px-3 text-sm"
                        placeholder="e.g. duplicate of TT12"
                      />
                    </div>
                    <Button type="submit" variant="outline" disabled={process.isPending} aria-keyshortcuts="S">
                      Skip <kbd className="ml-1 text-xs opacity-70">S</kbd>
                    </Button>
                  </form>
                  <ApplyToRestDialog runId={r.id} cards={cards.data ?? []} defaultCardId={chosenCard} onDone={() => void refresh()} />
                </div>
              </div>
            ) : null}
            <div className="flex justify-between">
              <Button variant="ghost" size="sm" disabled={index <= 0} onClick={() => setViewing(items[index - 1]!.id)} aria-keyshortcuts="ArrowLeft">
                ← Previous
              </Button>
              <Button variant="ghost" size="sm" disabled={index >= items.length - 1} onClick={() => setViewing(items[index + 1]!.id)} aria-keyshortcuts="ArrowRight">
                Next →
              </Button>
            </div>
          </CardContent>
        </Card>
      ) : (
        <Alert title="Nothing to migrate">This contract has no cases and no time logs.</Alert>
      )}

      <Card>
        <CardHeader>
          <CardTitle>Items</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="divide-y text-sm" aria-label="Items and their results">
            {items.map((i) => (
              <li key={i.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between">
                <button type="button" className="min-w-0 text-left underline-offset-4 hover:underline" onClick={() => setViewing(i.id)}>
                  {i.seq}. {i.kind === "case" ? "Case" : "Time log"} {i.title}
                  {i.hoursText !== null ? ` · ${i.hoursText} h in the CRM` : ""}
                </button>
                <span className="flex flex-wrap items-center gap-2">
                  {i.error ? <span className="text-danger">{i.error}</span> : null}
                  {i.reason ? <span className="text-muted-foreground">{i.reason}</span> : null}
                  <StateBadge state={i.state} />
                </span>
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </div>
  );
}
