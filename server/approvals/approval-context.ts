/**
 * What approval e-mails and links need from the environment: the public base
 * URL, the link keys (derived from NEXTAUTH_SECRET) and the brand. Entry
 * points (routers, pages, Inngest functions) take it from
 * `appEnv.approvalContext()` (server/config-readers.ts); domain functions take it as a parameter, so
 * tests pass their own.
 */
import { appSecret, appUrl, supportEmail } from "@/server/app-url";
import { approvalLinkKeys, type ApprovalLinkKeys } from "./approval-links";

export interface ApprovalContext {
  appUrl: string;
  keys: ApprovalLinkKeys;
  brand: { name: string; supportEmail: string };
}

export const BRAND_NAME = "Switchboard";

/** The context from APP_URL, NEXTAUTH_SECRET and SUPPORT_EMAIL (server/app-url.ts); tests pass their own `env`. */
export function approvalContextFromEnv(env: Record<string, string | undefined>): ApprovalContext {
  const secret = appSecret(env);
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set; approval links cannot be made");
  return {
    appUrl: appUrl(env),
    keys: approvalLinkKeys(secret),
    brand: { name: BRAND_NAME, supportEmail: supportEmail(env) },
  };
}
