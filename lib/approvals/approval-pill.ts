/**
 * The state pill shown on tickets (console list and page, My Tickets): amber
 * "awaiting", green "approved by", red "rejected by". A superseded request is
 * never a ticket's current one, so it has no pill.
 */
export type ApprovalPillState = "pending" | "approved" | "rejected";

export interface ApprovalPill {
  state: ApprovalPillState;
  text: string;
  tone: "warning" | "success" | "danger";
}

/** Null when there is nothing to show (no request, or only superseded ones). */
export function approvalPill(state: string | null | undefined, ownerName: string): ApprovalPill | null {
  switch (state) {
    case "pending":
      return { state, text: `Awaiting approval from ${ownerName}`, tone: "warning" };
    case "approved":
      return { state, text: `Approved by ${ownerName}`, tone: "success" };
    case "rejected":
      return { state, text: `Rejected by ${ownerName}`, tone: "danger" };
    default:
      return null;
  }
}
