import type { DbOrTx } from "@/server/db";

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Reserves one attempt under `key` (at most `limit` per fixed window of
 * `windowMinutes`) in a single conditional upsert, so parallel requests can
 * never all see "0 so far" and all go ahead: the row lock serialises them and
 * only the first `limit` get a slot. A refused attempt takes no slot, so
 * retrying while locked never extends the lock.
 */
export async function reserveAttempt(db: DbOrTx, key: string, limit: number, windowMinutes: number, now = new Date()): Promise<ThrottleDecision> {
  if (limit <= 0) return { allowed: true };
  const cutoff = new Date(now.getTime() - windowMinutes * 60_000);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "AuthThrottle" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "AuthThrottle"."windowStart" <= ${cutoff} THEN 1 ELSE "AuthThrottle"."count" + 1 END,
      "windowStart" = CASE WHEN "AuthThrottle"."windowStart" <= ${cutoff} THEN ${now} ELSE "AuthThrottle"."windowStart" END
    WHERE "AuthThrottle"."windowStart" <= ${cutoff} OR "AuthThrottle"."count" < ${limit}
    RETURNING "count"`;
  if (rows.length > 0) return { allowed: true };
  const row = await db.authThrottle.findUnique({ where: { key } });
  const start = row?.windowStart ?? now;
  return { allowed: false, retryAt: new Date(start.getTime() + windowMinutes * 60_000) };
}

/** Gives back a slot taken by an attempt that should not count (e.g. a successful sign-in against a per-address limit). */
export async function releaseAttempt(db: DbOrTx, key: string): Promise<void> {
  await db.$executeRaw`UPDATE "AuthThrottle" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

/** Forgets one counter (the owner got in). */
export async function clearAttempt(db: DbOrTx, key: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key } });
}

/** Forgets every counter whose key starts with `prefix` (an admin unlocked an account); returns how many. */
export async function clearAttemptsStartingWith(db: DbOrTx, prefix: string): Promise<number> {
  return (await db.authThrottle.deleteMany({ where: { key: { startsWith: prefix } } })).count;
}

/** Throttle keys of each sign-in path; the login is lower-cased by the caller. */
export const throttleKeys = {
  /** Wrong passwords for one login from one client address: an attacker elsewhere cannot lock the owner out. */
  passwordLoginAddress: (login: string, ip: string) => `pw|${login}|${ip}`,
  passwordLoginPrefix: (login: string) => `pw|${login}|`,
  /** Password attempts from one address over every login. */
  passwordAddress: (ip: string) => `pw-ip|${ip}`,
  /** Magic-link requests for one address, and from one client address. */
  linkLogin: (login: string) => `link|${login}`,
  linkAddress: (ip: string) => `link-ip|${ip}`,
  /** "Forgot password" requests, likewise. */
  resetLogin: (login: string) => `reset|${login}`,
  resetAddress: (ip: string) => `reset-ip|${ip}`,
} as const;
