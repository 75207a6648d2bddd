import {
  TICKET_STATUS_INFO,
  canTransitionStatus,
  isReopen,
  type TicketStatus,
} from "@/lib/helpdesk/ticket-statuses";
import type { DbOrTx } from "@/server/db";
import { invalidInput } from "./errors";
import { recordTicketEvent, type TrailActor } from "./trail";

/** Statuses during which the SLA clocks stand still (a pause row is open). */
const PAUSING: ReadonlySet<TicketStatus> = new Set(["waiting_on_customer", "resolved", "closed"]);

export interface StatusChangeTicket {
  id: string;
  organisationId: string;
  status: TicketStatus;
}

/**
 * Moves a ticket to another status and keeps the SLA pause rows and the trail
 * in step: waiting on the customer opens a pause (and the customer's reply or
 * any move back to work closes it); resolving or closing stops the clocks
 * (a pause row too, so a reopen does not count the resolved time); a reopen
 * clears the resolution. The caller refreshes the SLA columns afterwards.
 * Throws invalid_input on a transition the lifecycle does not allow.
 */
export async function applyStatusChange(
  tx: DbOrTx,
  ticket: StatusChangeTicket,
  to: TicketStatus,
  actor: TrailActor,
  now: Date,
): Promise<void> {
  const from = ticket.status;
  if (from === to) return;
  if (!canTransitionStatus(from, to)) {
    throw invalidInput(
      "status",
      `A ticket cannot move from ${TICKET_STATUS_INFO[from].label} to ${TICKET_STATUS_INFO[to].label}`,
    );
  }
  const base = { ticketId: ticket.id, organisationId: ticket.organisationId, actor, at: now };

  if (PAUSING.has(from)) {
    await tx.ticketSlaPause.updateMany({ where: { ticketId: ticket.id, endedAt: null }, data: { endedAt: now } });
  }
  if (PAUSING.has(to)) {
    await tx.ticketSlaPause.create({
      data: { ticketId: ticket.id, startedAt: now, reason: to === "waiting_on_customer" ? "waiting_on_customer" : "resolved" },
    });
  }

  const reopen = isReopen(from, to);
  const resolving = TICKET_STATUS_INFO[from].active && !TICKET_STATUS_INFO[to].active;
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      status: to,
      updatedAt: now,
      slaPausedAt: PAUSING.has(to) ? now : null,
      ...(resolving ? { resolvedAt: now } : {}),
      ...(to === "closed" ? { closedAt: now } : {}),
      ...(reopen ? { resolvedAt: null, closedAt: null, resolutionMinutes: null } : {}),
    },
  });

  await recordTicketEvent(tx, {
    ...base,
    kind: reopen ? "reopened" : "status_changed",
    summary: `${reopen ? "Reopened" : "Status"}: ${TICKET_STATUS_INFO[from].label} → ${TICKET_STATUS_INFO[to].label}`,
    data: { from, to },
  });
  if (to === "waiting_on_customer") {
    await recordTicketEvent(tx, { ...base, kind: "sla_paused", summary: "SLA clock paused: waiting on the customer", data: { reason: "waiting_on_customer" } });
  } else if (from === "waiting_on_customer" && TICKET_STATUS_INFO[to].active) {
    await recordTicketEvent(tx, { ...base, kind: "sla_resumed", summary: "SLA clock resumed", data: { reason: "waiting_on_customer" } });
  }
}
