import { describe, expect, it } from "vitest";
import { ServiceRateLimiter } from "./rate-limiter";

describe("ServiceRateLimiter", () => {
  it("allows the limit per minute, then says when to come back", () => {
    const limiter = new ServiceRateLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(limiter.take("svc", 3, t0).allowed).toBe(true);
    expect(limiter.take("svc", 3, t0)).toEqual({ allowed: false, retryAfterSec: 20, remaining: 0 });
    expect(limiter.take("svc", 3, t0 + 19_000).allowed).toBe(false);
    expect(limiter.take("svc", 3, t0 + 20_000).allowed).toBe(true);
  });

  it("keeps services apart", () => {
    const limiter = new ServiceRateLimiter();
    expect(limiter.take("a", 1, 0).allowed).toBe(true);
    expect(limiter.take("a", 1, 0).allowed).toBe(false);
    expect(limiter.take("b", 1, 0).allowed).toBe(true);
  });
});
