/**
 * The CRM base URL an admin types is fetched by the server, so it passes the
 * SSRF guard: no private, link-local or metadata addresses, and loopback only
 * where CRM_ALLOW_LOOPBACK (or a non-production environment) allows it.
 */
import { assertSafeUrl, SsrfBlockedError, type LookupAll } from "@/server/net/ssrf-guard";
import { CrmError } from "../errors";

export interface BaseUrlCheckOptions {
  allowLoopback: boolean;
  lookup?: LookupAll;
}

/** Throws a CrmError on the baseUrl field when the URL may not be used. */
export async function assertCrmBaseUrl(baseUrl: string, opts: BaseUrlCheckOptions): Promise<void> {
  try {
    await assertSafeUrl(baseUrl, { allowLoopback: opts.allowLoopback, lookup: opts.lookup });
  } catch (e) {
    if (e instanceof SsrfBlockedError) throw new CrmError("bad_request", `This base URL cannot be used: ${e.message}`, "baseUrl");
    throw e;
  }
}
