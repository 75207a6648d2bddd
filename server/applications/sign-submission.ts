/**
 * The signer's confirm POST minus the framework: rate limits per address and
 * per link, then `completeSignature`. Returns an outcome the page renders;
 * never throws for anything the visitor sent.
 */
import type { Db } from "@/server/db";
import { sharedRateLimit } from "@/server/security/rate-limit";
import { hashToken } from "@/server/security/tokens";
import { completeSignature, LINK_INVALID_MESSAGE } from "./complete-signature";
import { ApplicationError } from "./errors";

export type SignOutcome =
  | { status: "signed"; applicationNumber: string; page: number }
  | { status: "invalid"; message: string }
  | { status: "error"; field?: string; message: string };

/** 20 signatures per address and 8 per link per 10 minutes, counted across every instance. */
const perAddress = sharedRateLimit("application-sign:ip:", { limit: 20, windowMs: 10 * 60_000 });
const perLink = sharedRateLimit("application-sign:link:", { limit: 8, windowMs: 10 * 60_000 });

export async function handleSignSubmission(
  db: Db,
  input: { token: string; fields: Record<string, unknown>; ip: string },
): Promise<SignOutcome> {
  if (!(await perAddress.take(db, input.ip)).allowed || !(await perLink.take(db, hashToken(input.token))).allowed) {
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
