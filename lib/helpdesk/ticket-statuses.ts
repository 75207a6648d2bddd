import type { BadgeTone } from "./badge-tone";

/** Ticket lifecycle states, in the order a ticket usually moves through them. */
export const TICKET_STATUSES = [
  "open",
  "in_progress",
  "waiting_on_customer",
  "resolved",
  "closed",
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface TicketStatusInfo {
  code: TicketStatus;
  label: string;
  tone: BadgeTone;
  /** Work remains on the provider's or the customer's side. */
  active: boolean;
  /** The SLA clock stops while a ticket sits in this status. */
  pausesSla: boolean;
}

export const TICKET_STATUS_INFO: Readonly<Record<TicketStatus, TicketStatusInfo>> = {
  open: { code: "open", label: "Open", tone: "info", active: true, pausesSla: false },
  in_progress: {
    code: "in_progress",
    label: "In progress",
    tone: "warning",
    active: true,
    pausesSla: false,
  },
  waiting_on_customer: {
    code: "waiting_on_customer",
    label: "Waiting on customer",
    tone: "neutral",
    active: true,
    pausesSla: true,
  },
  resolved: { code: "resolved", label: "Resolved", tone: "success", active: false, pausesSla: false },
  closed: { code: "closed", label: "Closed", tone: "neutral", active: false, pausesSla: false },
};

/**
 * Allowed status changes. Any active status may go straight to resolved or
 * closed (duplicates, spam); resolved and closed only go back to open, which
 * is a reopen. A status never "transitions" to itself.
 */
export const TICKET_STATUS_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ["in_progress", "waiting_on_customer", "resolved", "closed"],
  in_progress: ["open", "waiting_on_customer", "resolved", "closed"],
  waiting_on_customer: ["open", "in_progress", "resolved", "closed"],
  resolved: ["closed", "open"],
  closed: ["open"],
};

/** Statuses with work remaining; the console's default list filter. */
export const ACTIVE_TICKET_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (s) => TICKET_STATUS_INFO[s].active,
);

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === "string" && (TICKET_STATUSES as readonly string[]).includes(value);
}

/** Whether a ticket in status `from` may be moved to `to`. */
export function canTransitionStatus(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_STATUS_TRANSITIONS[from].includes(to);
}

/** A reopen: a resolved or closed ticket goes back to open. */
export function isReopen(from: TicketStatus, to: TicketStatus): boolean {
  return !TICKET_STATUS_INFO[from].active && TICKET_STATUS_INFO[to].active;
}
