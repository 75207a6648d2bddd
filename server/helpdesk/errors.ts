/**
 * Errors helpdesk services throw for problems the caller caused. Routers and
 * REST routes map them to 404 / 422 / 409 with the field named, so a form or
 * an API client can point at the exact input.
 */
export type HelpdeskErrorCode = "not_found" | "invalid_input" | "conflict" | "forbidden";

export class HelpdeskError extends Error {
  readonly code: HelpdeskErrorCode;
  /** The input field at fault, when there is one (e.g. "organisationId"). */
  readonly field?: string;
  constructor(code: HelpdeskErrorCode, message: string, field?: string) {
    super(message);
    this.name = "HelpdeskError";
    this.code = code;
    this.field = field;
  }
}

/**
 * The ticket does not exist *for this caller*. Out-of-scope tickets raise the
 * same error as missing ones, so nobody learns that a number exists elsewhere.
 */
export class TicketNotFoundError extends HelpdeskError {
  constructor(message = "Ticket not found") {
    super("not_found", message);
    this.name = "TicketNotFoundError";
  }
}

/** A bad value in a named input field. */
export function invalidInput(field: string, message: string): HelpdeskError {
  return new HelpdeskError("invalid_input", message, field);
}
