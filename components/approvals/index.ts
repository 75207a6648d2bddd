/** What other areas embed: one import line and one element each. */
export { ApprovalStatePill } from "./approval-state-pill";
export { BulkRequestApprovalButton } from "./bulk-request-approval-button";
export { OwnerContactNavLink } from "./owner-contact-nav-link";
export { TicketApprovalPanel } from "./ticket-approval-panel";
export { TicketApprovalPill } from "./ticket-approval-pill";
