/**
 * Procedure tiers of the CRM routers. CrmError (with its field, for forms)
 * reaches clients through the shared error mapper (server/errors).
 */
import { adminProcedure, providerProcedure } from "../../trpc";
import { appEnv } from "@/server/config-readers";

/** Provider staff (admins and agents): customers, the sync dashboard, retries, conflicts. */
export const crmProviderProcedure = providerProcedure;

/** Provider admins: connections, mappings, staff accounts. */
export const crmAdminProcedure = adminProcedure;

/** SSRF options for admin-entered CRM URLs. */
export function baseUrlOptions() {
  return { allowLoopback: appEnv.crm().allowLoopback };
}
