/**
 * Helpdesk vocabulary in one import: ticket types, priorities, statuses and
 * their transitions, actor kinds, SLA states and escalation levels. Client-safe:
 * nothing here (or in the files it re-exports) imports server code.
 */
export * from "./badge-tone";
export * from "./ticket-types";
export * from "./ticket-priorities";
export * from "./ticket-statuses";
export * from "./actor-kinds";
export * from "./sla-states";
