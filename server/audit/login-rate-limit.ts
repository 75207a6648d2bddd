import type { Prisma } from "@/server/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";
import { getAuditSettings } from "./audit-settings";
import { UNKNOWN_CLIENT_IP } from "./client-ip";
import { normalizeLogin } from "./record-login-event";

export interface LoginRateLimits {
  /** Failed password sign-ins per login within the window; 0 = no limit. */
  rateLimitPerLogin: number;
  /** Failed password sign-ins per client IP within the window; 0 = no limit. */
  rateLimitPerIp: number;
  rateLimitWindowMinutes: number;
}

export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; scope: "login" | "ip"; failures: number; limit: number };

// Refused attempts are not counted: otherwise a person retrying during the
// lock-out would extend it for ever. Only real wrong guesses count.
const COUNTED_FAILURE: Prisma.LoginEventWhereInput = {
  kind: "SIGN_IN",
  method: "PASSWORD",
  result: "FAILURE",
  failureReason: { in: ["BAD_PASSWORD", "UNKNOWN_USER", "DISABLED_USER"] },
};

/**
 * Decides whether a password attempt may go ahead, counting recent failures
 * in the audit rows. Per login, only failures since that login's last
 * successful password sign-in count (the owner getting in clears their slate);
 * per IP every failure in the window counts (one valid account must not reset
 * an address that guesses others). Fails open: if the count cannot be read,
 * the attempt is allowed and the error logged, because the audit must never
 * stop a real sign-in.
 */
export async function checkLoginRateLimit(
  db: DbOrTx,
  attempt: { login: string; ip: string; now?: Date },
  limits?: LoginRateLimits,
): Promise<RateLimitDecision> {
  try {
    const settings = limits ?? (await getAuditSettings(db));
    const now = attempt.now ?? new Date();
    const windowStart = new Date(now.getTime() - settings.rateLimitWindowMinutes * 60_000);
    const login = normalizeLogin(attempt.login);

    if (settings.rateLimitPerLogin > 0 && login) {
      const lastSuccess = await db.loginEvent.findFirst({
        where: { login, kind: "SIGN_IN", result: "SUCCESS", occurredAt: { gte: windowStart } },
        orderBy: { occurredAt: "desc" },
        select: { occurredAt: true },
      });
      const since = lastSuccess?.occurredAt ?? windowStart;
      const failures = await db.loginEvent.count({ where: { ...COUNTED_FAILURE, login, occurredAt: { gt: since } } });
      if (failures >= settings.rateLimitPerLogin) {
        return { allowed: false, scope: "login", failures, limit: settings.rateLimitPerLogin };
      }
    }

    if (settings.rateLimitPerIp > 0 && attempt.ip && attempt.ip !== UNKNOWN_CLIENT_IP) {
      const failures = await db.loginEvent.count({ where: { ...COUNTED_FAILURE, ip: attempt.ip, occurredAt: { gt: windowStart } } });
      if (failures >= settings.rateLimitPerIp) {
        return { allowed: false, scope: "ip", failures, limit: settings.rateLimitPerIp };
      }
    }
    return { allowed: true };
  } catch (error) {
    logger.error("audit.rate_limit_check_failed", { error });
    return { allowed: true };
  }
}
