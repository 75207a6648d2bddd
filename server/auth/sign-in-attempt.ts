import { db } from "@/server/db";
import { notifyLoginFailure } from "@/server/audit/notify-login-failure";
import { recordLoginEvent, type LoginFailureReasonInput, type LoginMethodInput } from "@/server/audit/record-login-event";
import { logger } from "@/server/logger";
import type { RequestContext } from "./request-context";

export type SignInMethod = LoginMethodInput;
export type SignInFailureReason = LoginFailureReasonInput;

/** One thing that happened at the door: an attempt, a magic-link request or a sign-out. */
export interface SignInAttempt {
  kind: "sign_in" | "magic_link_request" | "sign_out";
  method: SignInMethod | null;
  /** What the person typed (an e-mail); never a password or token. */
  login: string;
  userId: string | null;
  success: boolean;
  reason: SignInFailureReason | null;
  context: RequestContext;
}

/**
 * Reports an attempt: one structured log line, one login-audit row, and for
 * a failed sign-in a burst check. Never throws: recording must not block or
 * fail a sign-in, so each step swallows (and logs) its own failure. Only the
 * named fields are passed on, so nothing else a caller holds can reach a row.
 */
export async function reportSignInAttempt(attempt: SignInAttempt): Promise<void> {
  try {
    const { kind, method, login, userId, success, reason } = attempt;
    const facts = { kind, method, login, userId, success, reason, ip: attempt.context.ip };
    logger.info("auth.attempt", facts);
    await recordLoginEvent(db, { ...facts, userAgent: attempt.context.userAgent });
    if (attempt.kind === "sign_in" && !attempt.success) await notifyLoginFailure(attempt.login);
  } catch (error) {
    logger.error("auth.attempt_report_failed", { error });
  }
}
