/**
 * Pacing from the rate-limit headers Vtiger sends on every answer:
 * X-FloodControl-* (calls per minute, e.g. 60 on Vtiger Cloud) and
 * X-RateLimit-* (daily quota). When a bucket is empty the client waits until
 * its reset instead of spending a call on a 429.
 */

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

/** Retry-After as milliseconds from now (seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
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

/** Remembers the last rate-limit state seen and says how long to wait before the next call. */
export class RateLimitPacer {
  private state: RateLimitSnapshot = { flood: {}, quota: {} };

  /** @param reserve calls to keep unspent in each bucket (0 spends everything). */
  constructor(private readonly reserve = 0) {}

  observe(headers: HeaderSource, nowMs: number): void {
    const next = parseRateLimitHeaders(headers, nowMs);
    for (const key of ["flood", "quota"] as const) {
      if (next[key].remaining !== undefined) this.state[key] = next[key];
    }
  }

  /** Counts a call in flight so concurrent callers see the bucket shrink before answers arrive. */
  noteSent(): void {
    for (const b of [this.state.flood, this.state.quota]) {
      if (b.remaining !== undefined) b.remaining = Math.max(0, b.remaining - 1);
    }
  }

  /** Milliseconds to wait before the next call; 0 when a call may go now. */
  delayBeforeNextCall(nowMs: number): number {
    let wait = 0;
    for (const b of [this.state.flood, this.state.quota]) {
      if (b.remaining === undefined || b.remaining > this.reserve) continue;
      if (b.resetAtMs === undefined) continue;
      if (b.resetAtMs > nowMs) wait = Math.max(wait, b.resetAtMs - nowMs);
      else b.remaining = undefined; // the window has passed: unknown until the next answer
    }
    return wait;
  }

  /** After waiting for a reset: the buckets are full again as far as we know. */
  markWaited(): void {
    this.state.flood.remaining = undefined;
    if (this.state.quota.resetAtMs !== undefined) this.state.quota.remaining = undefined;
  }

  snapshot(): RateLimitSnapshot {
    return { flood: { ...this.state.flood }, quota: { ...this.state.quota } };
  }
}
