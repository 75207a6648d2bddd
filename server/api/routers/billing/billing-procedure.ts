/**
 * The procedure tier of the billing console (provider admins only), which
 * turns BillingError into the matching tRPC error; field problems arrive in
 * `data.fieldErrors` like zod's. Also `toWire`: Prisma Decimals become
 * decimal strings before they leave the server, so the client's types say
 * "string" and no amount ever passes through a float.
 */
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { BillingError } from "@/server/billing/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { adminProcedure } from "../../trpc";

const CODES: Record<BillingError["code"], TRPCError["code"]> = {
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

function toTRPCError(error: BillingError): TRPCError {
  const fieldErrors = (error.details.fieldErrors ?? null) as Record<string, string> | null;
  const field = typeof error.details.field === "string" ? error.details.field : null;
  const issues = fieldErrors
    ? Object.entries(fieldErrors).map(([path, message]) => ({ code: "custom" as const, path: path.split("."), message, input: undefined }))
    : field
      ? [{ code: "custom" as const, path: [field], message: error.message, input: undefined }]
      : null;
  // A ZodError cause makes the shared error formatter put the messages into data.fieldErrors.
  return new TRPCError({ code: CODES[error.code], message: error.message, cause: issues ? new ZodError(issues) : error });
}

/** Provider admins; billing errors become tRPC errors with field messages. */
export const billingProcedure = adminProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof BillingError) throw toTRPCError(result.error.cause);
  // A domain function's own zod check is bad input too, not a server error.
  if (!result.ok && result.error.cause instanceof ZodError && result.error.code === "INTERNAL_SERVER_ERROR") {
    throw new TRPCError({ code: "BAD_REQUEST", message: result.error.cause.issues.map((i) => i.message).join("; "), cause: result.error.cause });
  }
  return result;
});

/** A value with every Prisma Decimal replaced by its exact decimal string. */
export type Wire<T> = T extends Prisma.Decimal
  ? string
  : T extends Date
    ? Date
    : T extends ReadonlyArray<infer U>
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export function toWire<T>(value: T): Wire<T> {
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toFixed() as Wire<T>;
  if (value === null || value === undefined || value instanceof Date || typeof value !== "object") return value as Wire<T>;
  if (Array.isArray(value)) return value.map((v) => toWire(v)) as Wire<T>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toWire(v);
  return out as Wire<T>;
}
