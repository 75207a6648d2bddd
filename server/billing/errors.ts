/**
 * Errors billing code throws on purpose. Each carries the HTTP status and a
 * stable code, so the REST API answers `{ code, message, details }` with the
 * right 4xx and tRPC maps it to the matching error code.
 */
export type BillingErrorCode =
  | "invalid_request"
  | "validation_failed"
  | "not_found"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "invalid_state"
  | "payment_provider_error"
  | "not_configured";

const STATUS: Record<BillingErrorCode, number> = {
  invalid_request: 400,
  validation_failed: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  invalid_state: 409,
  payment_provider_error: 402,
  not_configured: 503,
};

export class BillingError extends Error {
  override name = "BillingError";
  readonly status: number;
  constructor(
    readonly code: BillingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

/** `what` with `id` does not exist (or is not visible to the caller). */
export function notFound(what: string, id: string): BillingError {
  return new BillingError("not_found", `${what} ${id} was not found`, { id });
}

/** The record exists but is in a state that does not allow the operation. */
export function invalidState(message: string, details: Record<string, unknown> = {}): BillingError {
  return new BillingError("invalid_state", message, details);
}

/** True for a Prisma unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** A 422 naming one request field, e.g. a Lago field that would change money and is not supported. */
export function refuseField(field: string, message: string): never {
  throw new BillingError("validation_failed", message, { fieldErrors: { [field]: message } });
}
