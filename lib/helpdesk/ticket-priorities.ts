import type { BadgeTone } from "./badge-tone";

/** Ticket priorities, lowest first: the array order is the sort order. */
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;

export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** The priority a ticket gets when the reporter does not choose one. */
export const DEFAULT_TICKET_PRIORITY: TicketPriority = "normal";

export interface TicketPriorityInfo {
  code: TicketPriority;
  label: string;
  tone: BadgeTone;
  /** 0 (low) … 3 (urgent); use for sorting and "at least high" comparisons. */
  rank: number;
}

export const TICKET_PRIORITY_INFO: Readonly<Record<TicketPriority, TicketPriorityInfo>> = {
  low: { code: "low", label: "Low", tone: "neutral", rank: 0 },
  normal: { code: "normal", label: "Normal", tone: "info", rank: 1 },
  high: { code: "high", label: "High", tone: "warning", rank: 2 },
  urgent: { code: "urgent", label: "Urgent", tone: "danger", rank: 3 },
};

export function isTicketPriority(value: unknown): value is TicketPriority {
  return typeof value === "string" && (TICKET_PRIORITIES as readonly string[]).includes(value);
}

/** Compares two priorities for sorting: negative when `a` is less urgent than `b`. */
export function comparePriority(a: TicketPriority, b: TicketPriority): number {
  return TICKET_PRIORITY_INFO[a].rank - TICKET_PRIORITY_INFO[b].rank;
}
