/**
 * The twelve ticket types of a managed-services helpdesk (seed 002). Codes are
 * stored in the database and sent over the API, so they never change; labels
 * and descriptions are for people and may be reworded.
 */
export const TICKET_TYPES = [
  "general_inquiry",
  "billing_issue",
  "technical_support",
  "installation_request",
  "outage_report",
  "service_upgrade",
  "service_downgrade",
  "cancellation_request",
  "equipment_issue",
  "speed_issue",
  "network_issue",
  "connectivity_issue",
] as const;

export type TicketType = (typeof TICKET_TYPES)[number];

export interface TicketTypeInfo {
  code: TicketType;
  label: string;
  description: string;
}

export const TICKET_TYPE_INFO: Readonly<Record<TicketType, TicketTypeInfo>> = {
  general_inquiry: {
    code: "general_inquiry",
    label: "General inquiry",
    description: "A question about a service, an account or how something works.",
  },
  billing_issue: {
    code: "billing_issue",
    label: "Billing issue",
    description: "An invoice, charge, refund or payment that looks wrong or needs explaining.",
  },
  technical_support: {
    code: "technical_support",
    label: "Technical support",
    description: "Help configuring or using a service that is otherwise up and running.",
  },
  installation_request: {
    code: "installation_request",
    label: "Installation request",
    description: "A new installation, a move or a site visit at a service address.",
  },
  outage_report: {
    code: "outage_report",
    label: "Outage report",
    description: "A service is down for one or more users or sites.",
  },
  service_upgrade: {
    code: "service_upgrade",
    label: "Service upgrade",
    description: "A request for a higher plan, more capacity or an extra service.",
  },
  service_downgrade: {
    code: "service_downgrade",
    label: "Service downgrade",
    description: "A request for a smaller plan or fewer services.",
  },
  cancellation_request: {
    code: "cancellation_request",
    label: "Cancellation request",
    description: "A request to end a service or a contract.",
  },
  equipment_issue: {
    code: "equipment_issue",
    label: "Equipment issue",
    description: "A faulty, missing or to-be-returned device such as a router, modem or phone.",
  },
  speed_issue: {
    code: "speed_issue",
    label: "Speed issue",
    description: "The service works but is slower than the plan promises.",
  },
  network_issue: {
    code: "network_issue",
    label: "Network issue",
    description: "Packet loss, high latency or routing problems on the network.",
  },
  connectivity_issue: {
    code: "connectivity_issue",
    label: "Connectivity issue",
    description: "The connection drops now and then, or there is none at one location.",
  },
};

/** Type guard for values read from URLs, forms or the database. */
export function isTicketType(value: unknown): value is TicketType {
  return typeof value === "string" && (TICKET_TYPES as readonly string[]).includes(value);
}

/** Human label of a ticket type, e.g. for a select or a chip. */
export function ticketTypeLabel(type: TicketType): string {
  return TICKET_TYPE_INFO[type].label;
}
