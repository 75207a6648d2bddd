import type { DbOrTx } from "@/server/db";
import { clearAttempt, releaseAttempt, reserveAttempt, throttleKeys } from "@/server/auth/auth-throttle";
import { logger } from "@/server/logger";
import { getAuditSettings } from "./audit-settings";
import { UNKNOWN_CLIENT_IP } from "./client-ip";
import { normalizeLogin } from "./record-login-event";

export interface LoginRateLimits {
  /** Password attempts per login and client address within the window; 0 = no limit. */
  rateLimitPerLogin: number;
  /** Password attempts per client address over all logins within the window; 0 = no limit. */
  rateLimitPerIp: number;
  rateLimitWindowMinutes: number;
}

export type RateLimitDecision =
  | { allowed: true; /** Call once the password was checked. */ settle: (succeeded: boolean) => Promise<void> }
  | { allowed: false; scope: "login" | "ip"; limit: number; retryAt: Date };

/**
 * Reserves a password check before it runs. The per-login lock is scoped to
 * the login and the client address (as Keycloak's and Auth0's brute-force
 * protection are): someone guessing from elsewhere exhausts their own
 * address's slots and never locks the owner out. The per-address limit counts
 * attempts at any login. Both are atomic reservations (server/auth/auth-throttle.ts),
 * so parallel guesses cannot run more checks than the limit.
 *
 * A successful sign-in clears the login's slate at that address and gives the
 * address's slot back, so only wrong guesses add up. Fails open: if the
 * counters cannot be written, the attempt goes ahead and the error is logged,
 * because the throttle must never stop a real sign-in.
 */
export async function reservePasswordAttempt(
  db: DbOrTx,
  attempt: { login: string; ip: string; now?: Date },
  limits?: LoginRateLimits,
): Promise<RateLimitDecision> {
  const login = normalizeLogin(attempt.login);
  const ip = attempt.ip || UNKNOWN_CLIENT_IP;
  const loginKey = throttleKeys.passwordLoginAddress(login, ip);
  const ipKey = ip !== UNKNOWN_CLIENT_IP ? throttleKeys.passwordAddress(ip) : null;
  try {
    const settings = limits ?? (await getAuditSettings(db));
    const window = settings.rateLimitWindowMinutes;
    const byLogin = login ? await reserveAttempt(db, loginKey, settings.rateLimitPerLogin, window, attempt.now) : { allowed: true as const };
    if (!byLogin.allowed) return { allowed: false, scope: "login", limit: settings.rateLimitPerLogin, retryAt: byLogin.retryAt };
    const byIp = ipKey ? await reserveAttempt(db, ipKey, settings.rateLimitPerIp, window, attempt.now) : { allowed: true as const };
    if (!byIp.allowed) {
      if (login && settings.rateLimitPerLogin > 0) await releaseAttempt(db, loginKey);
      return { allowed: false, scope: "ip", limit: settings.rateLimitPerIp, retryAt: byIp.retryAt };
    }
    return {
      allowed: true,
      settle: async (succeeded) => {
        if (!succeeded) return;
        await clearAttempt(db, loginKey).catch((error: unknown) => logger.error("audit.rate_limit_settle_failed", { error }));
        if (ipKey && settings.rateLimitPerIp > 0) {
          await releaseAttempt(db, ipKey).catch((error: unknown) => logger.error("audit.rate_limit_settle_failed", { error }));
        }
      },
    };
  } catch (error) {
    logger.error("audit.rate_limit_check_failed", { error });
    return { allowed: true, settle: async () => {} };
  }
}
