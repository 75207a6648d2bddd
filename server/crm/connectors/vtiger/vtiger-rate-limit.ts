/**
 * Pacing from the rate-limit headers Vtiger sends on every answer:
 * X-FloodControl-* (calls per minute, e.g. 60 on Vtiger Cloud) and
 * X-RateLimit-* (daily quota). When a bucket is empty the client waits until
 * its reset instead of spending a call on a 429.
 *
 * Two pacers: `RateLimitPacer` keeps the state in this process (tests, the
 * bench, a connection test); `SharedRatePacer` keeps it in PostgreSQL per CRM
 * account, so every app instance spends from the same flood and daily buckets.
 */
import type { DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";

export interface RateBucket {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the bucket refills. */
  resetAtMs?: number;
}

export interface RateLimitSnapshot {
  flood: RateBucket;
  quota: RateBucket;
}

type HeaderSource = { get(name: string): string | null };

function num(h: HeaderSource, ...names: string[]): number | undefined {
  for (const n of names) {
    const v = h.get(n);
    if (v !== null && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  }
  return undefined;
}

/**
 * A reset header may be epoch seconds (Vtiger), epoch ms, or seconds from
 * now; all become epoch ms.
 */
export function resetToEpochMs(value: number | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  if (value > 1e12) return value;
  if (value > 1e9) return value * 1000;
  return nowMs + value * 1000;
}

export function parseRateLimitHeaders(h: HeaderSource, nowMs: number): RateLimitSnapshot {
  return {
    flood: {
      limit: num(h, "x-floodcontrol-limit", "x-floodcontrol-minutelimit"),
      remaining: num(h, "x-floodcontrol-remaining"),
      resetAtMs: resetToEpochMs(num(h, "x-floodcontrol-reset"), nowMs),
    },
    quota: {
      limit: num(h, "x-ratelimit-limit", "x-ratelimit-dailylimit"),
      remaining: num(h, "x-ratelimit-remaining"),
      resetAtMs: resetToEpochMs(num(h, "x-ratelimit-reset"), nowMs),
    },
  };
}

/**
 * What the client asks of a pacer around each call. Methods may answer a
 * promise (the shared pacer goes to PostgreSQL); the client awaits them.
 */
export interface RatePacer {
  /** Takes the rate-limit headers of an answer as the current state. */
  observe(headers: HeaderSource, nowMs: number): void | Promise<void>;
  /** Counts a call in flight so concurrent callers see the bucket shrink before answers arrive. */
  noteSent(): void | Promise<void>;
  /** Milliseconds to wait before the next call; 0 when a call may go now. */
  delayBeforeNextCall(nowMs: number): number | Promise<number>;
  /** After waiting for a reset: the buckets are full again as far as we know. */
  markWaited(): void | Promise<void>;
  /** The last state this pacer saw. */
  snapshot(): RateLimitSnapshot;
}

/** The wait the buckets call for: the latest reset among buckets spent down to `reserve`. */
function waitFor(state: RateLimitSnapshot, reserve: number, nowMs: number): number {
  let wait = 0;
  for (const b of [state.flood, state.quota]) {
    if (b.remaining === undefined || b.remaining > reserve || b.resetAtMs === undefined) continue;
    if (b.resetAtMs > nowMs) wait = Math.max(wait, b.resetAtMs - nowMs);
  }
  return wait;
}

/** Remembers the last rate-limit state seen and says how long to wait before the next call. */
export class RateLimitPacer implements RatePacer {
  private state: RateLimitSnapshot = { flood: {}, quota: {} };

  /** @param reserve calls to keep unspent in each bucket (0 spends everything). */
  constructor(private readonly reserve = 0) {}

  observe(headers: HeaderSource, nowMs: number): void {
    const next = parseRateLimitHeaders(headers, nowMs);
    for (const key of ["flood", "quota"] as const) {
      if (next[key].remaining !== undefined) this.state[key] = next[key];
    }
  }

  noteSent(): void {
    for (const b of [this.state.flood, this.state.quota]) {
      if (b.remaining !== undefined) b.remaining = Math.max(0, b.remaining - 1);
    }
  }

  delayBeforeNextCall(nowMs: number): number {
    for (const b of [this.state.flood, this.state.quota]) {
      // The window has passed: unknown until the next answer.
      if (b.resetAtMs !== undefined && b.resetAtMs <= nowMs) b.remaining = undefined;
    }
    return waitFor(this.state, this.reserve, nowMs);
  }

  markWaited(): void {
    this.state.flood.remaining = undefined;
    if (this.state.quota.resetAtMs !== undefined) this.state.quota.remaining = undefined;
  }

  snapshot(): RateLimitSnapshot {
    return { flood: { ...this.state.flood }, quota: { ...this.state.quota } };
  }
}

type PacingRow = {
  floodLimit: number | null;
  floodRemaining: number | null;
  floodResetAt: Date | null;
  quotaLimit: number | null;
  quotaRemaining: number | null;
  quotaResetAt: Date | null;
};

const bucketOf = (limit: number | null, remaining: number | null, resetAt: Date | null): RateBucket => ({
  limit: limit ?? undefined,
  remaining: remaining ?? undefined,
  resetAtMs: resetAt?.getTime(),
});

/**
 * The pacer every instance shares: one "CrmRatePacing" row per CRM account.
 * Each method is one statement (no advisory lock, no session state), so it
 * works through PgBouncer in transaction mode. Two instances can still both
 * see the last call left and both send it; the CRM then answers 429, which
 * the client waits out, so the overshoot is bounded by the calls in flight
 * instead of growing with the number of instances.
 *
 * Pacing is advice: when PostgreSQL cannot be asked, the call goes ahead
 * (and a 429 is still waited out) rather than failing work the CRM would take.
 */
export class SharedRatePacer implements RatePacer {
  private last: RateLimitSnapshot = { flood: {}, quota: {} };

  /** @param account names the quota's owner, e.g. "vtiger:https://crm.example.com|admin". */
  constructor(
    private readonly db: DbOrTx,
    private readonly account: string,
    private readonly reserve = 0,
  ) {}

  async observe(headers: HeaderSource, nowMs: number): Promise<void> {
    await this.advisory("observe", () => this.store(headers, nowMs));
  }

  private async store(headers: HeaderSource, nowMs: number): Promise<void> {
    const next = parseRateLimitHeaders(headers, nowMs);
    const data: Partial<PacingRow> = {};
    // A bucket the answer says nothing about keeps what another answer said.
    if (next.flood.remaining !== undefined) {
      Object.assign(data, { floodLimit: next.flood.limit ?? null, floodRemaining: next.flood.remaining, floodResetAt: toDate(next.flood.resetAtMs) });
      this.last.flood = next.flood;
    }
    if (next.quota.remaining !== undefined) {
      Object.assign(data, { quotaLimit: next.quota.limit ?? null, quotaRemaining: next.quota.remaining, quotaResetAt: toDate(next.quota.resetAtMs) });
      this.last.quota = next.quota;
    }
    if (Object.keys(data).length === 0) return;
    await this.db.crmRatePacing.upsert({ where: { key: this.account }, create: { key: this.account, ...data }, update: data });
  }

  async noteSent(): Promise<void> {
    // NULL stays NULL (an unknown bucket is not spent down); GREATEST alone would turn it into 0.
    await this.advisory("note_sent", () => this.db.$executeRaw`
      UPDATE "CrmRatePacing" SET
        "floodRemaining" = CASE WHEN "floodRemaining" IS NULL THEN NULL ELSE GREATEST(0, "floodRemaining" - 1) END,
        "quotaRemaining" = CASE WHEN "quotaRemaining" IS NULL THEN NULL ELSE GREATEST(0, "quotaRemaining" - 1) END,
        "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE "key" = ${this.account}`);
  }

  async delayBeforeNextCall(nowMs: number): Promise<number> {
    const row = await this.advisory("read", () => this.db.crmRatePacing.findUnique({ where: { key: this.account } }));
    if (!row) return 0;
    this.last = {
      flood: bucketOf(row.floodLimit, row.floodRemaining, row.floodResetAt),
      quota: bucketOf(row.quotaLimit, row.quotaRemaining, row.quotaResetAt),
    };
    return waitFor(this.last, this.reserve, nowMs);
  }

  async markWaited(): Promise<void> {
    // As the in-process pacer: the per-minute bucket is unknown again, and the daily one when it had a reset.
    await this.advisory("mark_waited", () => this.db.$executeRaw`
      UPDATE "CrmRatePacing" SET
        "floodRemaining" = NULL,
        "quotaRemaining" = CASE WHEN "quotaResetAt" IS NULL THEN "quotaRemaining" ELSE NULL END,
        "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE "key" = ${this.account}`);
  }

  private async advisory<T>(step: string, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      logger.warn("crm.rate_pacing_unavailable", { step, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  snapshot(): RateLimitSnapshot {
    return { flood: { ...this.last.flood }, quota: { ...this.last.quota } };
  }
}

const toDate = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));
