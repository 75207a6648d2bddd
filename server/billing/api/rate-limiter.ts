/**
 * Per-service request limit of the billing API: `limitPerMinute` requests per
 * minute per service, on the shared PostgreSQL token bucket so the limit holds
 * across every app instance (server/security/rate-limit.ts).
 *
 * A busy source app sends many requests a second, and one bucket statement
 * per request was a third of a small batch's round trips. So an instance
 * takes a LEASE of the tokens the bucket refills in `leaseMs` (all or none,
 * in one statement) and hands them out itself until they run out or the
 * lease expires. Every request let through still spent a token of the shared
 * bucket, so N instances together never exceed the limit; an expired lease's
 * unused tokens are simply lost, which only makes the limit stricter, by at
 * most one lease per instance. Limits under two requests per lease (e.g. 60 a
 * minute) and a bucket too low for a whole lease are taken hit by hit, as before.
 */
import { db as appDb, type DbOrTx } from "@/server/db";
import { resetRateLimits, takeRateLimitToken, type RateLimitDecision, type RateLimitRule } from "@/server/security/rate-limit";

export type RateDecision = RateLimitDecision;

const PREFIX = "billing-api:";

export interface LeasedRateLimiterOptions {
  /** The window `limit` is per (a minute for the billing API). */
  windowMs: number;
  /** How long a lease's tokens may be handed out locally. */
  leaseMs: number;
}

export function leasedRateLimiter(db: DbOrTx, { windowMs, leaseMs }: LeasedRateLimiterOptions) {
  const leases = new Map<string, { tokens: number; expiresAt: number }>();
  /** Until when a refused lease sends this service's requests hit by hit (the bucket is nearly empty). */
  const hitByHitUntil = new Map<string, number>();
  /** One lease statement at a time per service: concurrent requests wait for it instead of each leasing. */
  const leasing = new Map<string, Promise<boolean>>();

  function takeLocal(serviceId: string, now: number): RateDecision | null {
    const lease = leases.get(serviceId);
    if (!lease || lease.expiresAt <= now || lease.tokens < 1) return null;
    lease.tokens -= 1;
    return { allowed: true, remaining: lease.tokens, retryAfterSec: 0 };
  }

  function lease(serviceId: string, rule: RateLimitRule, size: number): Promise<boolean> {
    const pending = leasing.get(serviceId);
    if (pending) return pending;
    const started = (async () => {
      const decision = await takeRateLimitToken(db, `${PREFIX}${serviceId}`, rule, size);
      if (decision.allowed) leases.set(serviceId, { tokens: size, expiresAt: Date.now() + leaseMs });
      else hitByHitUntil.set(serviceId, Date.now() + leaseMs);
      return decision.allowed;
    })().finally(() => leasing.delete(serviceId));
    leasing.set(serviceId, started);
    return started;
  }

  return {
    /** Takes one request from the service's allowance, or says how long to wait. */
    async take(serviceId: string, limit: number): Promise<RateDecision> {
      const rule = { limit, windowMs };
      const size = Math.min(limit, Math.floor((limit * leaseMs) / windowMs));
      for (;;) {
        const now = Date.now();
        if (size < 2 || (hitByHitUntil.get(serviceId) ?? 0) > now) return takeRateLimitToken(db, `${PREFIX}${serviceId}`, rule);
        const local = takeLocal(serviceId, now);
        if (local) return local;
        // Leased (by this request or the one it waited for): try the local tokens again.
        if (!(await lease(serviceId, rule, size))) return takeRateLimitToken(db, `${PREFIX}${serviceId}`, rule);
      }
    },
    /** Forgets every service's usage, shared and leased (tests). */
    async reset(): Promise<void> {
      leases.clear();
      hitByHitUntil.clear();
      await resetRateLimits(db, PREFIX);
    },
  };
}

export const billingApiRateLimiter = leasedRateLimiter(appDb, { windowMs: 60_000, leaseMs: 1_000 });
