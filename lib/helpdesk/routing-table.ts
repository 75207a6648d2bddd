import type { ActorKind } from "./actor-kinds";
import type { TicketType } from "./ticket-types";

/**
 * Which actor kind may address a ticket to which (seed 002): customers reach
 * the provider; the provider escalates to a partner or the platform; partners
 * and the platform talk to each other; partners also talk to the provider.
 * Anything else (a customer writing to the platform directly, the provider
 * opening a ticket "to" a customer) is refused, so a ticket always lands in a
 * queue somebody works. Client-safe so forms can offer only allowed targets.
 */
export const ALLOWED_TARGETS: Readonly<Record<ActorKind, readonly ActorKind[]>> = {
  customer: ["provider"],
  provider: ["partner", "platform"],
  partner: ["provider", "platform"],
  platform: ["partner"],
};

/**
 * Ticket types about lines, sites and devices: when the provider escalates one
 * it goes to the partner who owns the physical side; everything commercial or
 * software-related goes to the platform.
 */
const FIELD_TYPES: readonly TicketType[] = [
  "installation_request",
  "outage_report",
  "equipment_issue",
  "speed_issue",
  "network_issue",
  "connectivity_issue",
];

/** The target a ticket gets when the caller names none. Always an allowed target. */
export function defaultTargetFor(origin: ActorKind, type: TicketType): ActorKind {
  switch (origin) {
    case "customer":
      return "provider";
    case "provider":
      return FIELD_TYPES.includes(type) ? "partner" : "platform";
    case "partner":
      return "provider";
    case "platform":
      return "partner";
  }
}

/** Whether `origin` may address a ticket to `target`. */
export function isRouteAllowed(origin: ActorKind, target: ActorKind): boolean {
  return ALLOWED_TARGETS[origin].includes(target);
}
