import { describe, expect, it } from "vitest";
import { nextAttemptAt, nextAttemptDelay } from "./backoff";

describe("nextAttemptDelay", () => {
  it("doubles the step per attempt without jitter and stops at maxMs", () => {
    const opts = { baseMs: 100, maxMs: 1000, jitter: "none" as const };
    expect([1, 2, 3, 4, 5, 6].map((a) => nextAttemptDelay(a, opts))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("uses full jitter by default: random() scales the whole step", () => {
    expect(nextAttemptDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0.5 })).toBe(200);
    expect(nextAttemptDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0 })).toBe(0);
    expect(nextAttemptDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0.999 })).toBe(400);
  });

  it("keeps full-jitter delays within [0, step] for many random draws", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 200; i++) {
      const d = nextAttemptDelay(4, { baseMs: 250, maxMs: 60_000, random });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });

  it("equal jitter stays in the upper half of the step", () => {
    expect(nextAttemptDelay(2, { baseMs: 100, maxMs: 1000, jitter: "equal", random: () => 0 })).toBe(100);
    expect(nextAttemptDelay(2, { baseMs: 100, maxMs: 1000, jitter: "equal", random: () => 0.999 })).toBe(200);
  });

  it("honours Retry-After when it is longer than the backoff, even beyond maxMs", () => {
    expect(nextAttemptDelay(1, { baseMs: 100, maxMs: 1000, random: () => 0.5, retryAfterMs: 30_000 })).toBe(30_000);
  });

  it("ignores a shorter Retry-After", () => {
    expect(nextAttemptDelay(4, { baseMs: 100, maxMs: 10_000, jitter: "none", retryAfterMs: 50 })).toBe(800);
  });

  it("treats attempt < 1 as the first retry and never overflows for huge attempts", () => {
    expect(nextAttemptDelay(0, { baseMs: 100, maxMs: 1000, jitter: "none" })).toBe(100);
    expect(nextAttemptDelay(5000, { baseMs: 100, maxMs: 1000, jitter: "none" })).toBe(1000);
  });

  it("nextAttemptAt adds the delay to now", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(nextAttemptAt(now, 2, { baseMs: 1000, maxMs: 60_000, jitter: "none" }).toISOString()).toBe("2026-01-01T00:00:02.000Z");
  });
});
