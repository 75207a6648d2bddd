/**
 * Errors the applications services throw for problems the caller caused.
 * The router and the upload routes map them to 4xx answers naming the field,
 * so a form can show the message next to the input at fault.
 */
export type ApplicationErrorCode = "not_found" | "invalid_input" | "conflict";

export class ApplicationError extends Error {
  readonly code: ApplicationErrorCode;
  readonly field?: string;
  constructor(code: ApplicationErrorCode, message: string, field?: string) {
    super(message);
    this.name = "ApplicationError";
    this.code = code;
    this.field = field;
  }
}

/** Out-of-scope applications raise the same error as missing ones. */
export const applicationNotFound = () => new ApplicationError("not_found", "Application not found");

export const invalidApplicationInput = (field: string, message: string) => new ApplicationError("invalid_input", message, field);

/** The application's state does not allow the step (status gate, document gate, used link…). */
export const applicationConflict = (message: string, field?: string) => new ApplicationError("conflict", message, field);

/** HTTP status for a REST answer. */
export function applicationErrorStatus(error: ApplicationError): number {
  return error.code === "not_found" ? 404 : error.code === "conflict" ? 409 : 422;
}
