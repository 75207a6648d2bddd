"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, CircleAlert, MinusCircle } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { BulkRequestApprovalButton } from "@/components/approvals";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { Progress } from "@/components/ui/progress";
import { TICKET_PRIORITIES, TICKET_PRIORITY_INFO, TICKET_STATUSES, TICKET_STATUS_INFO } from "@/lib/helpdesk/constants";
import { useTRPC } from "@/lib/trpc/react";
import type { BulkUpdateTicketsInput } from "@/lib/validators/helpdesk";

type Change = BulkUpdateTicketsInput["data"];
interface Result {
  id: string;
  number: string | null;
  outcome: "changed" | "unchanged" | "failed";
  message?: string;
}

// Small batches so the bar moves and a long selection never holds one request open for long.
const BATCH = 10;

export interface BulkActionsBarProps {
  selectedIds: readonly string[];
  onDone: () => void;
  teams: readonly { id: string; name: string }[];
  staff: readonly { id: string; name: string | null; email: string }[];
}

/** Decodes the "action" select: "status:open", "assignee:<id>|none", "team:<id>|none", "priority:high", "close". */
function changeOf(action: string): Change | null {
  const [kind, value = ""] = action.split(":");
  const idOrNull = value === "none" ? null : value;
  if (kind === "close") return { status: "closed" };
  if (kind === "status") return { status: value as Change["status"] };
  if (kind === "priority") return { priority: value as Change["priority"] };
  if (kind === "assignee") return { assigneeId: idOrNull };
  if (kind === "team") return { teamId: idOrNull };
  return null;
}

/**
 * The list's bulk actions on a selection: assign, status, priority, team,
 * close (and the approvals feature's "Request approval"). Sent in batches with
 * a progress bar; every ticket's result is listed, failures with the reason.
 */
export function BulkActionsBar({ selectedIds, onDone, teams, staff }: BulkActionsBarProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [action, setAction] = useState("");
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<Result[]>([]);
  const [error, setError] = useState<string | null>(null);
  const bulk = useMutation(trpc.helpdesk.queue.bulkUpdate.mutationOptions());
  const count = selectedIds.length;

  async function apply() {
    const change = changeOf(action);
    if (!change || count === 0) return;
    const ids = [...selectedIds];
    setResults([]);
    setError(null);
    setProgress({ done: 0, total: ids.length });
    const all: Result[] = [];
    try {
      for (let i = 0; i < ids.length; i += BATCH) {
        const { results: batch } = await bulk.mutateAsync({ ids: ids.slice(i, i + BATCH), data: change });
        all.push(...batch);
        setResults([...all]);
        setProgress({ done: Math.min(i + BATCH, ids.length), total: ids.length });
      }
      setAction("");
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The change could not be sent");
    } finally {
      await queryClient.invalidateQueries({ queryKey: trpc.helpdesk.tickets.list.queryKey() });
      setProgress(null);
    }
  }

  const failed = results.filter((r) => r.outcome === "failed").length;
  return (
    <section aria-label="Bulk actions" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-muted-foreground" aria-live="polite">
          {count ? `${count} selected` : "Select tickets for bulk actions"}
        </span>
        <NativeSelect
          aria-label="Bulk action"
          className="w-auto min-w-48 max-w-full"
          value={action}
          disabled={count === 0 || progress !== null}
          onChange={(e) => setAction(e.target.value)}
          placeholder="Choose an action…"
        >
          <optgroup label="Assign">
            <option value="assignee:none">Unassign</option>
            {staff.map((s) => (
              <option key={s.id} value={`assignee:${s.id}`}>
                Assign to {s.name ?? s.email}
              </option>
            ))}
          </optgroup>
          <optgroup label="Status">
            {TICKET_STATUSES.filter((s) => s !== "closed").map((s) => (
              <option key={s} value={`status:${s}`}>
                Set status: {TICKET_STATUS_INFO[s].label}
              </option>
            ))}
            <option value="close">Close tickets</option>
          </optgroup>
          <optgroup label="Priority">
            {[...TICKET_PRIORITIES].reverse().map((p) => (
              <option key={p} value={`priority:${p}`}>
                Set priority: {TICKET_PRIORITY_INFO[p].label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Team">
            <option value="team:none">Remove team</option>
            {teams.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                Move to {t.name}
              </option>
            ))}
          </optgroup>
        </NativeSelect>
        <Button disabled={count === 0 || !action} loading={progress !== null} onClick={() => void apply()}>
          Apply{count ? ` to ${count}` : ""}
        </Button>
        <BulkRequestApprovalButton ticketIds={selectedIds} onSent={onDone} />
      </div>
      {progress ? (
        <Progress value={progress.done} max={progress.total} label="Applying the change" valueText={`${progress.done} of ${progress.total} tickets`} />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      {results.length ? (
        <div className="rounded-md border p-3 text-sm" role="status">
          <p className="mb-2 font-medium">
            {results.length - failed} of {results.length} tickets done{failed ? `, ${failed} failed` : ""}
          </p>
          <ul aria-label="Result per ticket" className="max-h-48 space-y-1 overflow-y-auto">
            {results.map((r) => (
              <li key={r.id} className="flex items-start gap-2">
                {r.outcome === "failed" ? (
                  <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
                ) : r.outcome === "changed" ? (
                  <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                ) : (
                  <MinusCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                )}
                <span className="min-w-0">
                  {r.number ? (
                    <Link href={`/tickets/${r.number}`} className="font-mono text-xs text-primary hover:underline">
                      {r.number}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">{r.id}</span>
                  )}{" "}
                  {r.outcome === "failed" ? `failed: ${r.message}` : r.outcome === "changed" ? "changed" : "already so, unchanged"}
                </span>
              </li>
            ))}
          </ul>
          <Button variant="ghost" size="sm" className="mt-2" onClick={() => setResults([])}>
            Dismiss
          </Button>
        </div>
      ) : null}
    </section>
  );
}
