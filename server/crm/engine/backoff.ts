/**
 * Retry delays for remote calls and queue items: exponential growth with
 * "full jitter" (a random delay between 0 and the exponential step), so many
 * workers that failed together do not retry together; a server's Retry-After
 * wins when it asks for longer.
 */

export interface BackoffOptions {
  /** Delay step of the first retry. */
  baseMs: number;
  /** Upper bound of the exponential step (Retry-After may exceed it). */
  maxMs: number;
  /** "full": uniform in [0, step]; "equal": uniform in [step/2, step]; "none": exactly step. Default "full". */
  jitter?: "full" | "equal" | "none";
  /** What the remote asked for (429 Retry-After, rate-limit reset); honoured when larger. */
  retryAfterMs?: number;
  /** Random source in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry after the first
 * failure), in whole milliseconds.
 */
export function nextAttemptDelay(attempt: number, opts: BackoffOptions): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.max(0, opts.baseMs);
  const max = Math.max(base, opts.maxMs);
  // 2^(n-1) overflows to Infinity for large n; min() keeps it bounded.
  const step = Math.min(max, base * 2 ** (n - 1));
  const random = opts.random ?? Math.random;
  let delay: number;
  switch (opts.jitter ?? "full") {
    case "none":
      delay = step;
      break;
    case "equal":
      delay = step / 2 + random() * (step / 2);
      break;
    default:
      delay = random() * step;
  }
  const retryAfter = opts.retryAfterMs !== undefined && Number.isFinite(opts.retryAfterMs) ? Math.max(0, opts.retryAfterMs) : 0;
  return Math.round(Math.max(delay, retryAfter));
}

/** The moment the next attempt is due, for a queue item's `nextAttemptAt`. */
export function nextAttemptAt(now: Date, attempt: number, opts: BackoffOptions): Date {
  return new Date(now.getTime() + nextAttemptDelay(attempt, opts));
}
