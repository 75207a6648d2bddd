import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";
import { HelpdeskError } from "@/server/helpdesk/errors";

/**
 * Turns a HelpdeskError thrown by a service into the tRPC error a client
 * expects. A bad field becomes a BAD_REQUEST carrying a ZodError (the Error subclass, which tRPC keeps as the cause), so the
 * shared error formatter fills `data.fieldErrors` and forms can show the
 * message next to that field.
 */
export function toTrpcError(error: unknown): unknown {
  if (!(error instanceof HelpdeskError)) return error;
  switch (error.code) {
    case "not_found":
      return new TRPCError({ code: "NOT_FOUND", message: error.message });
    case "forbidden":
      return new TRPCError({ code: "FORBIDDEN", message: error.message });
    case "conflict":
      return new TRPCError({ code: "CONFLICT", message: error.message });
    case "invalid_input": {
      const issue = { code: "custom" as const, path: (error.field ?? "input").split("."), message: error.message, input: undefined };
      return new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: new ZodRealError([issue]) });
    }
  }
}

/** Middleware body: rethrows a service's HelpdeskError as its tRPC equivalent. */
export async function mapHelpdeskErrors<T extends { ok: boolean }>(next: () => Promise<T>): Promise<T> {
  const result = await next();
  if (!result.ok) {
    const err = (result as unknown as { error: TRPCError }).error;
    if (err.cause instanceof HelpdeskError) throw toTrpcError(err.cause);
  }
  return result;
}
