import { RequestError } from "@/server/errors/request-error";

/** A problem the wizard explains to the admin (4xx); the error mapper passes its message through as it is. */
export function badMigrationInput(code: string, message: string, field: string | null = null): RequestError {
  return new RequestError(422, code, "BAD_REQUEST", message, field);
}

export function migrationNotFound(message: string): RequestError {
  return new RequestError(404, "not_found", "NOT_FOUND", message);
}

export function migrationConflict(code: string, message: string): RequestError {
  return new RequestError(409, code, "CONFLICT", message);
}

/** The CRM failed while we read from it: nothing was written, so trying again is safe. */
export function crmUnavailable(message: string): RequestError {
  return new RequestError(502, "crm_failed", "BAD_GATEWAY", message);
}
