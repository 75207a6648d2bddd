/**
 * The signer's confirm POST minus the framework: rate limits per address and
 * per link, then `completeSignature`. Returns an outcome the page renders;
 * never throws for anything the visitor sent.
 */
import type { Db } from "@/server/db";
import { FixedWindowRateLimiter } from "@/server/helpdesk/links/rate-limit";
import { hashToken } from "@/server/security/tokens";
import { completeSignature, LINK_INVALID_MESSAGE } from "./complete-signature";
import { ApplicationError } from "./errors";

export type SignOutcome =
  | { status: "signed"; applicationNumber: string; page: number }
  | { status: "invalid"; message: string }
  | { status: "error"; field?: string; message: string };

const perAddress = new FixedWindowRateLimiter(20, 10 * 60_000);
const perLink = new FixedWindowRateLimiter(8, 10 * 60_000);

export async function handleSignSubmission(
  db: Db,
  input: { token: string; fields: Record<string, unknown>; ip: string },
): Promise<SignOutcome> {
  if (!perAddress.consume(`ip:${input.ip}`) || !perLink.consume(`link:${hashToken(input.token)}`)) {
    return { status: "error", message: "Too many attempts from your connection. Please wait a few minutes and try again." };
  }
  try {
    const done = await completeSignature(db, { token: input.token, fields: input.fields, clientAddress: input.ip });
    return { status: "signed", ...done };
  } catch (error) {
    if (error instanceof ApplicationError) {
      if (error.message === LINK_INVALID_MESSAGE) return { status: "invalid", message: error.message };
      return { status: "error", field: error.field, message: error.message };
    }
    throw error;
  }
}
