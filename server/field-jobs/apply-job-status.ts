/**
 * A remote job's status, from a pull or a webhook, applied to its ticket:
 * a trail entry, and the ticket status the admin mapped it to (when the
 * ticket's lifecycle allows that move). Pulls and webhooks may bring the same
 * change twice or out of order: an unchanged status, or one older than what
 * we hold, does nothing. A status that ends the job (the mapping's "ends the
 * job", or a plain end word when unmapped) releases its activeKey in the same
 * conditional update, so the ticket can get a new job; a job reopened in the
 * remote later is not made active again (a newer job may hold the key), its
 * statuses still reach the trail.
 */
import { canTransitionStatus, TICKET_STATUS_INFO } from "@/lib/helpdesk/ticket-statuses";
import type { Db } from "@/server/db";
import { recordTicketEvent, SYSTEM_ACTOR } from "@/server/helpdesk/trail";
import { unsafeUpdateTicket } from "@/server/helpdesk/update-ticket";
import { listStatusMappings, mapRemoteStatus, statusEndsJob } from "./status-mapping";

export interface RemoteStatusChange {
  connectionId: string;
  remoteId: string;
  status: string;
  /** When the remote says it changed; null = now. */
  changedAt: Date | null;
  source: "pull" | "webhook";
}

export type ApplyStatusOutcome = "unknown_job" | "unchanged" | "stale" | "applied";

export async function applyRemoteJobStatus(db: Db, change: RemoteStatusChange, now = new Date()): Promise<ApplyStatusOutcome> {
  const mappings = await listStatusMappings(db, change.connectionId);
  return db.$transaction(async (tx) => {
    const job = await tx.fieldJob.findUnique({
      where: { connectionId_remoteId: { connectionId: change.connectionId, remoteId: change.remoteId } },
    });
    if (!job) return "unknown_job";
    const at = change.changedAt ?? now;
    if (job.remoteStatus === change.status) return "unchanged";
    if (job.remoteStatusAt && change.changedAt && change.changedAt < job.remoteStatusAt) return "stale";

    const ends = job.activeKey !== null && statusEndsJob(mappings, change.status);
    // Conditional on the status we read, so a concurrent pull and webhook apply the change once.
    const moved = await tx.fieldJob.updateMany({
      where: { id: job.id, remoteStatus: job.remoteStatus },
      data: { remoteStatus: change.status, remoteStatusAt: at, ...(ends ? { activeKey: null } : {}) },
    });
    if (moved.count === 0) return "unchanged";

    const label = job.jobNumber ?? job.remoteId;
    await recordTicketEvent(tx, {
      ticketId: job.ticketId,
      organisationId: job.organisationId,
      kind: "field_job_status",
      summary: `Field job ${label}: ${job.remoteStatus ?? "new"} → ${change.status}${ends ? " (job over: the ticket can get a new job)" : ""}`,
      actor: SYSTEM_ACTOR,
      data: { fieldJobId: job.id, from: job.remoteStatus, to: change.status, source: change.source, endsJob: ends },
      at: now,
    });

    const target = mapRemoteStatus(mappings, change.status);
    if (!target) return "applied";
    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: job.ticketId }, select: { status: true } });
    if (ticket.status === target) return "applied";
    if (!canTransitionStatus(ticket.status, target)) {
      await recordTicketEvent(tx, {
        ticketId: job.ticketId,
        organisationId: job.organisationId,
        kind: "field_job_status_skipped",
        summary: `Not moved to ${TICKET_STATUS_INFO[target].label}: a ticket cannot go there from ${TICKET_STATUS_INFO[ticket.status].label}`,
        actor: SYSTEM_ACTOR,
        data: { fieldJobId: job.id, target },
        at: now,
      });
      return "applied";
    }
    await unsafeUpdateTicket(tx, { id: job.ticketId, data: { status: target } }, { ...SYSTEM_ACTOR, name: "Field job" }, now);
    return "applied";
  });
}
