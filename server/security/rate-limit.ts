/**
 * The one rate limit every app instance shares: a token bucket per key in
 * PostgreSQL ("RateLimitBucket"), holding `limit` tokens and refilling `limit`
 * per `windowMs`. Each hit is ONE statement (INSERT … ON CONFLICT DO UPDATE …
 * RETURNING): the row lock serialises concurrent hits on a key, so N instances
 * together let through at most `limit` per window. No advisory lock, no named
 * prepared statement, no SET: it works through PgBouncer in transaction mode.
 */
import type { DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";

export const MAX_WINDOW_MS = 86_400_000;

export interface RateLimitRule {
  /** Hits allowed in a burst, and per window on average. */
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole hits left right now. */
  remaining: number;
  /** Whole seconds until one hit will be allowed again (0 when allowed). */
  retryAfterSec: number;
}

/**
 * Takes `count` tokens from `key`'s bucket, all or none, or says how long to
 * wait for them. One token is one hit; more is a lease an instance hands out
 * itself (billing-api's limiter), every one of them still taken from the shared bucket.
 */
export async function takeRateLimitToken(db: DbOrTx, key: string, rule: RateLimitRule, count = 1): Promise<RateLimitDecision> {
  // Windows are capped at a day so that a bucket idle for a day is full and can be purged.
  if (!(rule.limit >= 1) || !(rule.windowMs > 0) || rule.windowMs > MAX_WINDOW_MS) {
    throw new RangeError("A rate limit needs limit ≥ 1 and a window from 1 ms to 1 day");
  }
  if (!Number.isInteger(count) || count < 1 || count > rule.limit) throw new RangeError("A take needs from 1 token to the whole limit");
  const cap = rule.limit;
  const perSecond = rule.limit / (rule.windowMs / 1000);
  // Timestamps are stored as UTC without zone (Prisma's DateTime); `now()` is the
  // statement's transaction time. A hit that started before a concurrent one
  // committed sees a negative gap: GREATEST(0, …) keeps it from draining tokens.
  const now = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
  const refilled = Prisma.sql`LEAST(${cap}::double precision,
    b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (${now} - b."updatedAt"))) * ${perSecond}::double precision)`;
  const rows = await db.$queryRaw<Array<{ tokens: number; allowed: boolean }>>`
    INSERT INTO "RateLimitBucket" AS b ("key", "tokens", "allowed", "updatedAt")
    VALUES (${key}, ${cap}::double precision - ${count}::double precision, true, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "tokens" = ${refilled} - CASE WHEN ${refilled} >= ${count}::double precision THEN ${count}::double precision ELSE 0 END,
      "allowed" = ${refilled} >= ${count}::double precision,
      "updatedAt" = GREATEST(b."updatedAt", ${now})
    RETURNING "tokens", "allowed"`;
  const row = rows[0];
  if (!row) throw new Error(`rate limit bucket ${key} was not written`);
  const tokens = Number(row.tokens);
  if (row.allowed) return { allowed: true, remaining: Math.floor(tokens), retryAfterSec: 0 };
  return { allowed: false, remaining: 0, retryAfterSec: Math.max(1, Math.ceil((count - tokens) / perSecond)) };
}

/** Forgets every bucket whose key starts with `prefix` (tests, and an admin's "reset"). */
export async function resetRateLimits(db: DbOrTx, prefix: string): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE starts_with("key", ${prefix})`;
}

/**
 * Deletes buckets idle for longer than `idleMs`. Any bucket idle for a whole
 * window has refilled, so dropping it changes no decision.
 */
export async function purgeIdleRateLimits(db: DbOrTx, idleMs: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - idleMs);
  return db.rateLimitBucket.deleteMany({ where: { updatedAt: { lt: before } } }).then((r) => r.count);
}

/** A named limit on the shared buckets: each key gets its own bucket under the limit's prefix. */
export interface SharedRateLimit {
  readonly prefix: string;
  /** Takes one hit for `key` (an address, a token hash — never a live token). */
  take(db: DbOrTx, key: string): Promise<RateLimitDecision>;
}

/** Defines a limit; `rule` may be a function so a limit read from settings is read when first used. */
export function sharedRateLimit(prefix: string, rule: RateLimitRule | (() => RateLimitRule)): SharedRateLimit {
  return {
    prefix,
    take: (db, key) => takeRateLimitToken(db, `${prefix}${key}`, typeof rule === "function" ? rule() : rule),
  };
}
