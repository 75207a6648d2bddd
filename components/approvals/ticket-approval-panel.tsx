"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime, formatDuration } from "@/lib/utils";
import { APPROVAL_STATE_LABELS } from "@/lib/validators/approvals";
import { ApprovalStatePill } from "./approval-state-pill";
import type { TicketApprovalStatusView } from "./approval-types";
import { ApprovalWizardDialog } from "./approval-wizard-dialog";
import { useOpenApprovalWizard } from "./use-open-approval-wizard";

const hours = (h: number | null) => formatDuration(h === null ? null : h * 3_600_000);

/**
 * The ticket page's owner approval block: the state pill, "Request owner
 * approval" (disabled with the reason when impossible) and the request
 * details with earlier requests.
 */
export function TicketApprovalPanel({ ticketId }: { ticketId: string }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.approvals.ticketStatus.queryOptions({ ticketId }));
  const wizard = useOpenApprovalWizard("single");
  if (!status.data) return null;
  const { owner, current, history } = status.data;
  const blocked = !owner.configured
    ? `Owner contact not configured for ${owner.organisationLabel}. A client admin can add it in My Tickets → Owner contact, or a provider admin under Approvals → Owner contacts.`
    : status.data.ticketStatus === "closed"
      ? "The ticket is closed. Reopen it before asking for approval."
      : null;

  return (
    <section aria-label="Owner approval" className="space-y-3 rounded-lg border bg-card p-4" data-testid="ticket-approval-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h2 className="text-sm font-semibold">Owner approval</h2>
          {current ? <ApprovalStatePill state={current.state} ownerName={current.ownerName} /> : <span className="text-sm text-muted-foreground">Not requested</span>}
        </div>
        <Button
          size="sm"
          variant="outline"
          disabled={Boolean(blocked)}
          aria-describedby={blocked ? `approval-blocked-${ticketId}` : undefined}
          loading={wizard.checking}
          onClick={() => void wizard.start([ticketId])}
        >
          Request owner approval
        </Button>
      </div>
      {blocked ? (
        <p id={`approval-blocked-${ticketId}`} className="text-xs text-muted-foreground">
          {blocked}
        </p>
      ) : null}
      {wizard.refusal ? <Alert variant="danger">{wizard.refusal}</Alert> : null}
      {current ? <EngagementDetails engagement={current} /> : null}
      {history.length > (current ? 1 : 0) ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">Earlier requests ({history.length - (current ? 1 : 0)})</summary>
          <ul className="mt-2 space-y-1">
            {history
              .filter((e) => !e.current)
              .map((e) => (
                <li key={e.id} className="flex flex-wrap gap-x-2">
                  <span>{formatDateTime(e.sentAt)}</span>
                  <span>· {APPROVAL_STATE_LABELS[e.state]}</span>
                  <span className="text-muted-foreground">· to {e.ownerName} by {e.requestedByName}</span>
                </li>
              ))}
          </ul>
        </details>
      ) : null}
      {wizard.prepared ? <ApprovalWizardDialog open={wizard.open} onOpenChange={wizard.setOpen} mode="single" prepared={wizard.prepared} /> : null}
    </section>
  );
}

function EngagementDetails({ engagement }: { engagement: NonNullable<TicketApprovalStatusView["current"]> }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted-foreground">Request details</summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted-foreground">Owner</dt>
        <dd className="min-w-0 break-words">
          {engagement.ownerName} &lt;{engagement.ownerEmail}&gt;
        </dd>
        <dt className="text-muted-foreground">Requested by</dt>
        <dd>{engagement.requestedByName}</dd>
        <dt className="text-muted-foreground">Sent</dt>
        <dd>{formatDateTime(engagement.sentAt)}</dd>
        <dt className="text-muted-foreground">Reminded</dt>
        <dd>{formatDateTime(engagement.remindedAt)}</dd>
        <dt className="text-muted-foreground">Decided</dt>
        <dd>{formatDateTime(engagement.decidedAt)}</dd>
        <dt className="text-muted-foreground">Turnaround</dt>
        <dd>{hours(engagement.turnaroundHours)}</dd>
        {engagement.decisionComment ? (
          <>
            <dt className="text-muted-foreground">Comment</dt>
            <dd className="whitespace-pre-wrap">{engagement.decisionComment}</dd>
          </>
        ) : null}
      </dl>
      <p className="mt-2 text-muted-foreground">Summary sent</p>
      <p className="rounded-md bg-muted p-2 whitespace-pre-wrap">{engagement.summary || "(none)"}</p>
    </details>
  );
}
