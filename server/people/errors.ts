import { TRPCError } from "@trpc/server";

/** People and organisations answer with tRPC errors directly; `field: message` names the input at fault. */
export function conflict(field: string, message: string): TRPCError {
  return new TRPCError({ code: "CONFLICT", message: `${field}: ${message}` });
}

export function badInput(field: string, message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message: `${field}: ${message}` });
}

/** Out-of-scope records answer exactly like missing ones, so nobody learns what exists elsewhere. */
export function notFound(what: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `${what} not found.` });
}

export function forbidden(message: string): TRPCError {
  return new TRPCError({ code: "FORBIDDEN", message });
}
