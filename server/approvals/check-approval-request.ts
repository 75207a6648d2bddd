/**
 * The rules for asking an owner, checked before the wizard opens and again
 * when it sends (things may change in between). A single request may
 * re-engage a ticket in any state; a bulk request must not, because it would
 * silently kill links the owner may be about to click.
 */
import type { ApprovalTicket } from "./approval-tickets";
import { ApprovalError, noOwnerContactMessage } from "./errors";

export type ApprovalRequestMode = "single" | "bulk";

export interface CheckedApprovalRequest {
  organisation: { id: string; label: string; name: string };
  owner: { name: string; email: string };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * Throws an ApprovalError whose message names why the request is refused:
 * unknown tickets, tickets of more than one organisation, (bulk) tickets
 * already pending or approved with their count, no owner contact, closed
 * tickets. Otherwise returns the organisation and its owner.
 */
export function checkApprovalRequest(
  requestedIds: readonly string[],
  tickets: readonly ApprovalTicket[],
  mode: ApprovalRequestMode,
): CheckedApprovalRequest {
  const missing = requestedIds.length - new Set(tickets.map((t) => t.id)).size;
  if (tickets.length === 0 || missing > 0) {
    throw new ApprovalError(
      "not_found",
      requestedIds.length === 1 ? "Ticket not found" : `${missing} of the selected tickets no longer exist. Refresh the list and try again.`,
    );
  }
  if (mode === "single" && tickets.length !== 1) {
    throw new ApprovalError("invalid_input", "A single request is for exactly one ticket", "ticketIds");
  }

  const labels = [...new Set(tickets.map((t) => t.organisation.label))].sort();
  if (labels.length > 1) {
    throw new ApprovalError(
      "mixed_organisations",
      `The selected tickets belong to ${labels.length} organisations (${labels.join(", ")}). One request goes to one owner: select tickets of a single organisation.`,
    );
  }

  if (mode === "bulk") {
    const engaged = tickets.filter((t) => t.current && (t.current.state === "pending" || t.current.state === "approved"));
    if (engaged.length > 0) {
      throw new ApprovalError(
        "already_engaged",
        `${engaged.length} of the selected tickets ${plural(engaged.length, "already has", "already have")} a pending or approved request (${engaged
          .map((t) => t.number)
          .join(", ")}). Request ${plural(engaged.length, "it", "those")} individually from the ticket page.`,
      );
    }
  }

  const organisation = (tickets[0] as ApprovalTicket).organisation;
  const ownerName = organisation.ownerName?.trim();
  const ownerEmail = organisation.ownerEmail?.trim();
  if (!ownerName || !ownerEmail) {
    throw new ApprovalError("no_owner_contact", noOwnerContactMessage(organisation.label));
  }

  const closed = tickets.filter((t) => t.status === "closed");
  if (closed.length > 0) {
    throw new ApprovalError(
      "ticket_closed",
      tickets.length === 1
        ? `${closed[0]?.number} is closed. Reopen it before asking for approval.`
        : `${closed.length} of the selected tickets ${plural(closed.length, "is", "are")} closed (${closed.map((t) => t.number).join(", ")}). Reopen or deselect ${plural(closed.length, "it", "them")}.`,
    );
  }

  return {
    organisation: { id: organisation.id, label: organisation.label, name: organisation.name },
    owner: { name: ownerName, email: ownerEmail },
  };
}
