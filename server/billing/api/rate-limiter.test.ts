import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { billingApiRateLimiter, leasedRateLimiter } from "./rate-limiter";

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

describe("leasedRateLimiter", () => {
  // 1,000 a day in leases of a hundredth of the day: 10 tokens per lease, and refill during the test is under one token.
  const DAY = 86_400_000;

  it("two instances leasing from one bucket together let through exactly the limit", async () => {
    const instanceA = leasedRateLimiter(db, { windowMs: DAY, leaseMs: DAY / 100 });
    const instanceB = leasedRateLimiter(db, { windowMs: DAY, leaseMs: DAY / 100 });
    await instanceA.reset();
    const decisions = await Promise.all(Array.from({ length: 1_200 }, (_, i) => (i % 2 ? instanceA : instanceB).take("leased", 1_000)));
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBeLessThanOrEqual(1_000);
    // Tokens are only lost when a lease expires; none did, and the last ones were taken hit by hit.
    expect(allowed).toBeGreaterThanOrEqual(1_000 - 2 * 10);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSec >= 1)).toBe(true);
  });

  it("takes a whole lease in one bucket statement, so ten requests cost one", async () => {
    const limiter = leasedRateLimiter(db, { windowMs: DAY, leaseMs: DAY / 100 });
    await limiter.reset();
    for (let i = 0; i < 10; i++) expect((await limiter.take("one-lease", 1_000)).allowed).toBe(true);
    const [bucket] = await db.$queryRawUnsafe<Array<{ tokens: number }>>(`SELECT "tokens" FROM "RateLimitBucket" WHERE "key" = 'billing-api:one-lease'`);
    expect(Math.round(bucket!.tokens)).toBe(990);
  });

  it("a limit below two requests per lease is taken hit by hit", async () => {
    const limiter = leasedRateLimiter(db, { windowMs: 60_000, leaseMs: 1_000 });
    await limiter.reset();
    expect((await limiter.take("slow", 60)).allowed).toBe(true);
    const [bucket] = await db.$queryRawUnsafe<Array<{ tokens: number }>>(`SELECT "tokens" FROM "RateLimitBucket" WHERE "key" = 'billing-api:slow'`);
    expect(Math.round(bucket!.tokens)).toBe(59);
  });
});
