/**
 * Per-service request limit of the billing API: `limitPerMinute` requests per
 * minute per service, on the shared PostgreSQL token bucket so the limit holds
 * across every app instance (server/security/rate-limit.ts).
 */
import { db } from "@/server/db";
import { resetRateLimits, takeRateLimitToken, type RateLimitDecision } from "@/server/security/rate-limit";

export type RateDecision = RateLimitDecision;

const PREFIX = "billing-api:";

export const billingApiRateLimiter = {
  /** Takes one request from the service's allowance, or says how long to wait. */
  take(serviceId: string, limitPerMinute: number): Promise<RateDecision> {
    return takeRateLimitToken(db, `${PREFIX}${serviceId}`, { limit: limitPerMinute, windowMs: 60_000 });
  },
  /** Forgets every service's usage (tests). */
  async reset(): Promise<void> {
    await resetRateLimits(db, PREFIX);
  },
};
