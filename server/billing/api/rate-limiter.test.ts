import { describe, expect, it } from "vitest";
import { billingApiRateLimiter } from "./rate-limiter";

describe("billingApiRateLimiter", () => {
  it("allows the limit per minute, then says when to come back", async () => {
    for (let i = 0; i < 3; i++) expect((await billingApiRateLimiter.take("svc", 3)).allowed).toBe(true);
    const refused = await billingApiRateLimiter.take("svc", 3);
    expect(refused.allowed).toBe(false);
    // One request every 20 s at 3 a minute.
    expect(refused.retryAfterSec).toBeGreaterThanOrEqual(19);
    expect(refused.retryAfterSec).toBeLessThanOrEqual(20);
  });

  it("keeps services apart, and reset forgets them", async () => {
    expect((await billingApiRateLimiter.take("a", 1)).allowed).toBe(true);
    expect((await billingApiRateLimiter.take("a", 1)).allowed).toBe(false);
    expect((await billingApiRateLimiter.take("b", 1)).allowed).toBe(true);
    await billingApiRateLimiter.reset();
    expect((await billingApiRateLimiter.take("a", 1)).allowed).toBe(true);
  });
});
