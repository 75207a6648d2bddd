/**
 * Errors CRM code throws on purpose, with the field they concern when a
 * form should show them next to an input. Routers turn them into tRPC errors
 * (server/api/routers/crm/crm-errors.ts).
 */
export type CrmErrorCode = "bad_request" | "not_found" | "conflict" | "unavailable";

export class CrmError extends Error {
  override name = "CrmError";
  constructor(
    readonly code: CrmErrorCode,
    message: string,
    /** Input field the message belongs to (e.g. "baseUrl"). */
    readonly field?: string,
  ) {
    super(message);
  }
}

export function crmNotFound(what: string): CrmError {
  return new CrmError("not_found", `${what} was not found`);
}
