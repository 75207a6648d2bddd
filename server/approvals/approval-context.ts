/**
 * What approval e-mails and links need from the environment: the public base
 * URL, the link keys (derived from NEXTAUTH_SECRET) and the brand. Entry
 * points (routers, pages, Inngest functions) build it once with
 * `approvalContextFromEnv()`; domain functions take it as a parameter, so
 * tests pass their own.
 */
import { approvalLinkKeys, type ApprovalLinkKeys } from "./approval-links";

export interface ApprovalContext {
  appUrl: string;
  keys: ApprovalLinkKeys;
  brand: { name: string; supportEmail: string };
}

export const BRAND_NAME = "Switchboard";
const DEFAULT_SUPPORT_EMAIL = "support@switchboard.local";

export function approvalContextFromEnv(env: Record<string, string | undefined> = process.env): ApprovalContext {
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set; approval links cannot be made");
  return {
    appUrl: env.APP_URL || "http://localhost:3000",
    keys: approvalLinkKeys(secret),
    brand: { name: BRAND_NAME, supportEmail: env.SUPPORT_EMAIL || DEFAULT_SUPPORT_EMAIL },
  };
}

/** The contact address shown on the owner's pages. */
export function supportEmailFromEnv(env: Record<string, string | undefined> = process.env): string {
  return env.SUPPORT_EMAIL || DEFAULT_SUPPORT_EMAIL;
}
