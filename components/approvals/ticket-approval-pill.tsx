"use client";

import { ApprovalStatePill } from "./approval-state-pill";
import { useBatchedApprovalState } from "./use-batched-approval-state";

/**
 * The approval pill for one row of a ticket list (console or My Tickets).
 * Drop it into a cell: the pills of a page are fetched together.
 */
export function TicketApprovalPill({ ticketId, scope = "console", className }: { ticketId: string; scope?: "console" | "inbox"; className?: string }) {
  const { data } = useBatchedApprovalState(ticketId, scope);
  if (!data) return null;
  return <ApprovalStatePill state={data.state} ownerName={data.ownerName} className={className} />;
}
