/**
 * The one place that decides what a caller learns about an error. REST routes
 * (`restErrorResponse`) and every tRPC procedure (the middleware in
 * server/api/trpc.ts) pass what they caught through `mapError`:
 * - errors a domain throws on purpose keep their message and get their 4xx;
 * - bad input that only PostgreSQL noticed (a NUL byte, a number too large to
 *   store) becomes a 4xx in our words, never the database's;
 * - an unreachable or overloaded database is a 503 with Retry-After, so a
 *   client retries instead of giving up;
 * - anything else is a bug: a 500 with a reference id that is also logged,
 *   and no internals.
 */
import crypto from "node:crypto";
import type { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { ApplicationError } from "@/server/applications/errors";
import { ApprovalError, type ApprovalErrorCode } from "@/server/approvals/errors";
import { BillingError } from "@/server/billing/errors";
import { CrmError } from "@/server/crm/errors";
import { SecretBoxError } from "@/server/crm/secret-box";
import { HelpdeskError, type HelpdeskErrorCode } from "@/server/helpdesk/errors";
import { hourCardRefusal } from "@/server/hour-cards/hour-card-db-refusals";
import { logger } from "@/server/logger";
import { RequestError } from "./request-error";

type TrpcCode = TRPCError["code"];

export interface PublicError {
  status: number;
  code: string;
  trpcCode: TrpcCode;
  message: string;
  /** Messages per input field ("customer.name", "Idempotency-Key"), when the problem is one field's. */
  fieldErrors: Record<string, string[]> | null;
  /** Extra machine-readable facts a domain error carries (billing's `details`). */
  details: Record<string, unknown>;
  retryAfterSec?: number;
  /** Set on 500s: quoted to the caller and written to the log. */
  reference?: string;
}

const BILLING_TRPC: Record<BillingError["code"], TrpcCode> = {
  invalid_request: "BAD_REQUEST",
  validation_failed: "BAD_REQUEST",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  rate_limited: "TOO_MANY_REQUESTS",
  invalid_state: "CONFLICT",
  payment_provider_error: "BAD_REQUEST",
  not_configured: "PRECONDITION_FAILED",
};

const HELPDESK: Record<HelpdeskErrorCode, [number, TrpcCode]> = {
  not_found: [404, "NOT_FOUND"],
  invalid_input: [422, "BAD_REQUEST"],
  conflict: [409, "CONFLICT"],
  forbidden: [403, "FORBIDDEN"],
};

const APPROVAL: Record<ApprovalErrorCode, [number, TrpcCode]> = {
  not_found: [404, "NOT_FOUND"],
  invalid_input: [400, "BAD_REQUEST"],
  no_owner_contact: [412, "PRECONDITION_FAILED"],
  mixed_organisations: [412, "PRECONDITION_FAILED"],
  already_engaged: [409, "CONFLICT"],
  ticket_closed: [412, "PRECONDITION_FAILED"],
};

const CRM: Record<CrmError["code"], [number, TrpcCode]> = {
  bad_request: [400, "BAD_REQUEST"],
  not_found: [404, "NOT_FOUND"],
  conflict: [409, "CONFLICT"],
  unavailable: [412, "PRECONDITION_FAILED"],
};

export const DATABASE_RETRY_AFTER_SEC = 5;
export const BUSY_RETRY_AFTER_SEC = 2;

function known(status: number, code: string, trpcCode: TrpcCode, message: string, field?: string | null, details: Record<string, unknown> = {}): PublicError {
  return { status, code, trpcCode, message, fieldErrors: field ? { [field]: [message] } : null, details };
}

function fromTable([status, trpcCode]: [number, TrpcCode], error: { code: string; message: string; field?: string }): PublicError {
  return known(status, error.code, trpcCode, error.message, error.field);
}

/** Field messages of a zod error, first message per path first. */
export function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.map(String).join(".") || "input"] ??= []).push(issue.message);
  return out;
}

/** "subject: Too short; email: Invalid e-mail": every bad field in one line. */
export function summariseFieldErrors(fieldErrors: Record<string, string[]>): string {
  return Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages[0]}`)
    .join("; ");
}

/** What `error` means for the caller. `where` names the route or procedure in the log. */
export function mapError(error: unknown, where: string): PublicError {
  if (error instanceof RequestError) {
    return known(error.status, error.code, error.trpcCode, error.message, error.field, error.field ? { field: error.field, ...error.details } : error.details);
  }
  if (error instanceof BillingError) {
    const fromDetails = error.details.fieldErrors as Record<string, string> | undefined;
    const field = typeof error.details.field === "string" ? error.details.field : null;
    const fieldErrors = fromDetails
      ? Object.fromEntries(Object.entries(fromDetails).map(([k, v]) => [k, [v]]))
      : field
        ? { [field]: [error.message] }
        : null;
    return { status: error.status, code: error.code, trpcCode: BILLING_TRPC[error.code], message: error.message, fieldErrors, details: error.details };
  }
  if (error instanceof HelpdeskError) return fromTable(HELPDESK[error.code], error);
  if (error instanceof ApprovalError) return fromTable(APPROVAL[error.code], error);
  if (error instanceof ApplicationError) return fromTable(HELPDESK[error.code], error);
  if (error instanceof CrmError) return fromTable(CRM[error.code], error);
  if (error instanceof SecretBoxError) return known(412, "not_configured", "PRECONDITION_FAILED", error.message);
  if (error instanceof ZodError) {
    const fieldErrors = zodFieldErrors(error);
    const firstMessages = Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, v[0]]));
    return { status: 422, code: "validation_failed", trpcCode: "BAD_REQUEST", message: summariseFieldErrors(fieldErrors), fieldErrors, details: { fieldErrors: firstMessages } };
  }
  return mapDatabaseError(error) ?? internalError(error, where);
}

// PostgreSQL SQLSTATEs and Prisma codes that mean "the caller sent something unstorable".
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);
const OUT_OF_RANGE = new Set(["22003"]);
const TOO_DEEP = new Set(["54001"]);
// …that mean "the database is not there": retry later.
const UNREACHABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
const UNREACHABLE_SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE"]);
// …that mean "too busy right now": a transaction could not start or ran out of time, or lost a deadlock.
const BUSY_PRISMA = new Set(["P2028", "P2034"]);
const BUSY_SQLSTATE = new Set(["40001", "40P01", "55P03", "57014"]);

interface DbFacts {
  prismaCode?: string;
  sqlState?: string;
  kind?: string;
  /** PostgreSQL's own message: read to recognise a refusal, never shown. */
  message?: string;
}

/** Pulls Prisma's code, PostgreSQL's SQLSTATE, message and the driver adapter's kind out of any error shape. */
function databaseFacts(error: unknown): DbFacts | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as { code?: unknown; name?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const facts: DbFacts = {};
  if (typeof e.code === "string") {
    if (/^P\d{4}$/.test(e.code)) facts.prismaCode = e.code;
    else if (/^[0-9A-Z]{5}$/.test(e.code)) {
      facts.sqlState = e.code;
      if (typeof (e as { message?: unknown }).message === "string") facts.message = (e as { message: string }).message;
    }
    else if (UNREACHABLE_SOCKET.has(e.code)) facts.kind = "DatabaseNotReachable";
  }
  const adapterCause = (e.meta?.driverAdapterError?.cause ?? (e.name === "DriverAdapterError" ? e.cause : undefined)) as
    | { originalCode?: unknown; code?: unknown; kind?: unknown; originalMessage?: unknown }
    | undefined;
  if (adapterCause) {
    const code = adapterCause.originalCode ?? adapterCause.code;
    if (typeof code === "string") facts.sqlState = code;
    if (typeof adapterCause.originalMessage === "string") facts.message = adapterCause.originalMessage;
    if (typeof adapterCause.kind === "string") facts.kind = adapterCause.kind;
  }
  return facts.prismaCode || facts.sqlState || facts.kind ? facts : null;
}

function mapDatabaseError(error: unknown): PublicError | null {
  const facts = databaseFacts(error);
  if (!facts) return null;
  const { prismaCode = "", sqlState = "", kind = "" } = facts;
  const refusal = hourCardRefusal(facts.sqlState, facts.message);
  if (refusal) return known(refusal.status, refusal.code, refusal.trpcCode, refusal.message);
  if (UNSTORABLE_TEXT.has(sqlState)) {
    return known(400, "invalid_text", "BAD_REQUEST", "A text value contains a character that cannot be stored (a NUL byte, \\u0000); remove it and send again");
  }
  if (OUT_OF_RANGE.has(sqlState) || kind === "ValueOutOfRange") {
    return known(422, "out_of_range", "BAD_REQUEST", "A number is too large to be stored; send a smaller value");
  }
  if (TOO_DEEP.has(sqlState)) return known(400, "too_deep", "BAD_REQUEST", "A value is nested too deeply to be stored");
  if (UNREACHABLE_PRISMA.has(prismaCode) || UNREACHABLE_KINDS.has(kind) || sqlState.startsWith("08") || /^57P0[123]$/.test(sqlState) || sqlState === "53300") {
    return {
      ...known(503, "database_unavailable", "SERVICE_UNAVAILABLE", `The database is unreachable; nothing was changed. Retry in ${DATABASE_RETRY_AFTER_SEC} seconds.`),
      retryAfterSec: DATABASE_RETRY_AFTER_SEC,
    };
  }
  if (BUSY_PRISMA.has(prismaCode) || BUSY_SQLSTATE.has(sqlState)) {
    return {
      ...known(503, "busy", "SERVICE_UNAVAILABLE", `The server is busy and nothing was changed. Retry in ${BUSY_RETRY_AFTER_SEC} seconds.`),
      retryAfterSec: BUSY_RETRY_AFTER_SEC,
    };
  }
  return null;
}

function internalError(error: unknown, where: string): PublicError {
  const reference = crypto.randomBytes(6).toString("hex");
  logger.error("request.failed", {
    where,
    reference,
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return {
    ...known(500, "internal_error", "INTERNAL_SERVER_ERROR", `Something went wrong on our side (reference ${reference}). It has been logged; the request can be retried.`),
    reference,
  };
}

/** Retry-After header for mapped errors that carry one. */
export function retryHeaders(mapped: PublicError): Record<string, string> {
  return mapped.retryAfterSec ? { "retry-after": String(mapped.retryAfterSec) } : {};
}
