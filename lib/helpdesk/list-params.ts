import { ACTIVE_TICKET_STATUSES } from "./constants";
import type { InboxListQuery, TicketListQueryInput } from "@/lib/validators/helpdesk";

/**
 * The ticket lists keep their filters in the address. The server page (to
 * prefetch) and the client list (to query) both turn the address into the
 * procedure input here, so they ask for exactly the same query and the
 * prefetched data is the data the list shows.
 */

export const ACTIVE_STATUSES_PARAM = ACTIVE_TICKET_STATUSES.join(",");
export const DEFAULT_TICKET_SORT = "queue:asc";

/** Next's searchParams object → URLSearchParams (repeated keys keep their first value, as useSearchParams().get does). */
export function toSearchParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

/** /tickets: "status" defaults to the active statuses; cursors come from the previous page. */
export function ticketQueryFromParams(params: URLSearchParams): TicketListQueryInput {
  const status = params.get("status");
  return {
    search: params.get("q") ?? undefined,
    status: status === null ? ACTIVE_STATUSES_PARAM : status === "any" ? "" : status,
    priority: params.get("priority") ?? "",
    type: params.get("type") ?? "",
    teamId: params.get("team") ?? "",
    organisationId: params.get("org") ?? "",
    slaState: params.get("sla") ?? "",
    assignee: params.get("assignee") ?? "",
    sort: params.get("sort") ?? DEFAULT_TICKET_SORT,
    after: params.get("after") ?? undefined,
    before: params.get("before") ?? undefined,
    page: Number(params.get("page") ?? 1) || 1,
    pageSize: 25,
  } as TicketListQueryInput;
}

/** /my-tickets: scope, status, search and page. */
export function inboxQueryFromParams(params: URLSearchParams): Pick<InboxListQuery, "scope" | "page"> & { status: string; search?: string } {
  return {
    scope: params.get("scope") === "all" ? "all" : "mine",
    page: Number(params.get("page") ?? 1) || 1,
    status: params.get("status") ?? "",
    search: params.get("q") ?? undefined,
  };
}
