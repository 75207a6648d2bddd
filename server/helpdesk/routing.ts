import { ACTOR_KINDS, isActorKind, type ActorKind } from "@/lib/helpdesk/actor-kinds";
import { ALLOWED_TARGETS, defaultTargetFor, isRouteAllowed } from "@/lib/helpdesk/routing-table";
import { TICKET_TYPES, isTicketType, type TicketType } from "@/lib/helpdesk/ticket-types";

export { ALLOWED_TARGETS, defaultTargetFor, isRouteAllowed } from "@/lib/helpdesk/routing-table";

export interface RoutingRequest {
  type: string;
  origin: string;
  /** Omit to take the default target for the origin and ticket type. */
  target?: string | null;
}

export interface Route {
  type: TicketType;
  origin: ActorKind;
  target: ActorKind;
  /** True when the target was chosen by default rather than by the caller. */
  defaulted: boolean;
}

export type RoutingErrorCode = "unknown_type" | "unknown_actor_kind" | "route_not_allowed";

/** Why a route was refused, naming the input field at fault (for a 422 or a form error). */
export interface RoutingError {
  field: "type" | "origin" | "target";
  code: RoutingErrorCode;
  message: string;
}

export type RoutingResult = { ok: true; route: Route } | { ok: false; error: RoutingError };

/**
 * Decides who a ticket goes to. The origin must be a known actor kind; the
 * target, when given, must be one the origin may address (customer → provider;
 * provider → partner | platform; partner → provider | platform; platform →
 * partner); when omitted, it defaults by origin and ticket type. Never throws
 * on bad input: inputs come from forms and the API, so errors are values.
 */
export function resolveRouting(request: RoutingRequest): RoutingResult {
  const { type, origin, target } = request;
  if (!isTicketType(type)) {
    return fail("type", "unknown_type", `Unknown ticket type "${type}"; use one of: ${TICKET_TYPES.join(", ")}`);
  }
  if (!isActorKind(origin)) {
    return fail("origin", "unknown_actor_kind", `Unknown origin "${origin}"; use one of: ${ACTOR_KINDS.join(", ")}`);
  }
  if (target === undefined || target === null || target === "") {
    return { ok: true, route: { type, origin, target: defaultTargetFor(origin, type), defaulted: true } };
  }
  if (!isActorKind(target)) {
    return fail("target", "unknown_actor_kind", `Unknown target "${target}"; use one of: ${ACTOR_KINDS.join(", ")}`);
  }
  if (!isRouteAllowed(origin, target)) {
    return fail(
      "target",
      "route_not_allowed",
      `A ${origin} cannot address a ticket to ${target === origin ? "itself" : `the ${target}`}; allowed: ${ALLOWED_TARGETS[origin].join(", ")}`,
    );
  }
  return { ok: true, route: { type, origin, target, defaulted: false } };
}

function fail(field: RoutingError["field"], code: RoutingErrorCode, message: string): RoutingResult {
  return { ok: false, error: { field, code, message } };
}

/** Thrown by resolveRoutingOrThrow; carries the same field and code. */
export class RoutingRefusedError extends Error {
  readonly field: RoutingError["field"];
  readonly code: RoutingErrorCode;
  constructor(error: RoutingError) {
    super(error.message);
    this.name = "RoutingRefusedError";
    this.field = error.field;
    this.code = error.code;
  }
}

/** resolveRouting for code paths whose inputs are already validated (jobs, seeds). */
export function resolveRoutingOrThrow(request: RoutingRequest): Route {
  const result = resolveRouting(request);
  if (!result.ok) throw new RoutingRefusedError(result.error);
  return result.route;
}
