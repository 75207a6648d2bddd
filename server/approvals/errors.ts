/**
 * Problems with an approval request that the agent can act on. The router
 * turns them into tRPC errors whose message the wizard shows as is, so each
 * message says what is wrong and what to do.
 */
export type ApprovalErrorCode =
  | "not_found"
  | "no_owner_contact"
  | "mixed_organisations"
  | "already_engaged"
  | "ticket_closed"
  | "invalid_input";

export class ApprovalError extends Error {
  readonly code: ApprovalErrorCode;
  /** The input field at fault, when there is one. */
  readonly field?: string;
  constructor(code: ApprovalErrorCode, message: string, field?: string) {
    super(message);
    this.name = "ApprovalError";
    this.code = code;
    this.field = field;
  }
}

/** The message shown wherever approval is impossible because the owner contact is blank. */
export function noOwnerContactMessage(organisationLabel: string): string {
  return `${organisationLabel} has no owner contact yet. A client admin can add it under Settings → Owner contact in My Tickets, or a provider admin under Approvals → Owner contacts.`;
}
