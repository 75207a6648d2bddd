/**
 * Procedure tiers of the CRM routers: the usual tiers plus a translation of
 * CrmError into tRPC errors. An error that names a field becomes a zod-style
 * field error, so forms show it next to the input.
 */
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { crmConfig } from "@/server/crm/crm-config";
import { CrmError } from "@/server/crm/errors";
import { SecretBoxError } from "@/server/crm/secret-box";
import { adminProcedure, providerProcedure } from "../../trpc";

const CODES = { bad_request: "BAD_REQUEST", not_found: "NOT_FOUND", conflict: "CONFLICT", unavailable: "PRECONDITION_FAILED" } as const;

function translate(error: unknown): unknown {
  const cause = error instanceof TRPCError ? error.cause : error;
  if (cause instanceof CrmError) {
    return new TRPCError({
      code: CODES[cause.code],
      message: cause.message,
      cause: cause.field ? new ZodError([{ code: "custom", path: [cause.field], message: cause.message, input: undefined }]) : cause,
    });
  }
  if (cause instanceof SecretBoxError) return new TRPCError({ code: "PRECONDITION_FAILED", message: cause.message });
  return error;
}

/** Provider staff (admins and agents): customers, the sync dashboard, retries, conflicts. */
export const crmProviderProcedure = providerProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw translate(result.error);
  return result;
});

/** Provider admins: connections, mappings, staff accounts. */
export const crmAdminProcedure = adminProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw translate(result.error);
  return result;
});

/** SSRF options for admin-entered CRM URLs. */
export function baseUrlOptions() {
  return { allowLoopback: crmConfig().allowLoopback };
}
