import { logger } from "@/server/logger";
import type { RequestContext } from "./request-context";

export type SignInMethod = "password" | "magic_link";
export type SignInFailureReason =
  | "bad_password"
  | "unknown_user"
  | "disabled_user"
  | "expired_link"
  | "invalid_link"
  | "rate_limited"
  | "other";

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
 * Reports an attempt to the structured log. Never throws: recording must not
 * block or fail a sign-in.
 */
export async function reportSignInAttempt(attempt: SignInAttempt): Promise<void> {
  logger.info("auth.attempt", {
    kind: attempt.kind,
    method: attempt.method,
    login: attempt.login,
    userId: attempt.userId,
    success: attempt.success,
    reason: attempt.reason,
    ip: attempt.context.ip,
  });
}
