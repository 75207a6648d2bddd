/**
 * Per-service request limit of the billing API: a token bucket per service
 * holding `limitPerMinute` tokens, refilled continuously. Kept in this
 * process's memory (each app instance enforces the limit on its own share).
 */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until one request will be allowed again (0 when allowed). */
  retryAfterSec: number;
  remaining: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  limit: number;
}

export class ServiceRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Takes one token for `key`, or says how long to wait. */
  take(key: string, limitPerMinute: number, nowMs: number = Date.now()): RateDecision {
    const ratePerMs = limitPerMinute / 60_000;
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.limit !== limitPerMinute) {
      bucket = { tokens: limitPerMinute, updatedAt: nowMs, limit: limitPerMinute };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(limitPerMinute, bucket.tokens + (nowMs - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSec: 0, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)), remaining: 0 };
  }

  reset(): void {
    this.buckets.clear();
  }
}

/** The limiter the API routes share. */
export const billingApiRateLimiter = new ServiceRateLimiter();
