import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPool } from "@/server/db-pool";
import { db } from "@/server/db";
import { PrismaClient } from "@/server/generated/prisma/client";
import { purgeIdleRateLimits, resetRateLimits, takeRateLimitToken } from "./rate-limit";

// Two clients with their own pg pools stand for two app instances.
const instanceA = new PrismaClient({ adapter: new PrismaPg(createPool(process.env.DATABASE_URL!, 8)) });
const instanceB = new PrismaClient({ adapter: new PrismaPg(createPool(process.env.DATABASE_URL!, 8)) });
afterAll(async () => {
  await Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]);
});

// A window of an hour refills one token every 6 minutes at limit 10: nothing refills during a test.
const HOURLY = (limit: number) => ({ limit, windowMs: 3_600_000 });

describe("takeRateLimitToken", () => {
  it("lets `limit` hits through, then refuses with the wait until the next token", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await takeRateLimitToken(db, "t:serial", HOURLY(3)));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    // One token per 1200 s at 3 an hour.
    expect(results[3]!.retryAfterSec).toBeGreaterThan(1100);
    expect(results[3]!.retryAfterSec).toBeLessThanOrEqual(1200);
  });

  it("holds the limit across two instances hitting the same key at once", async () => {
    const hits = Array.from({ length: 60 }, (_, i) => takeRateLimitToken(i % 2 ? instanceA : instanceB, "t:shared", HOURLY(25)));
    const results = await Promise.all(hits);
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: "t:shared" } });
    expect(row.tokens).toBeLessThan(1);
  });

  it("keeps keys apart", async () => {
    await takeRateLimitToken(db, "t:one", HOURLY(1));
    expect((await takeRateLimitToken(db, "t:one", HOURLY(1))).allowed).toBe(false);
    expect((await takeRateLimitToken(db, "t:two", HOURLY(1))).allowed).toBe(true);
  });

  it("refills with time", async () => {
    // 1 token per 50 ms: an emptied bucket lets a hit through again once one interval has passed.
    const rule = { limit: 1, windowMs: 50 };
    expect((await takeRateLimitToken(db, "t:refill", rule)).allowed).toBe(true);
    await db.rateLimitBucket.update({ where: { key: "t:refill" }, data: { updatedAt: new Date(Date.now() - 1000) } });
    expect((await takeRateLimitToken(db, "t:refill", rule)).allowed).toBe(true);
  });

  it("refuses a rule that could never let anything through, or a window past a day", async () => {
    await expect(takeRateLimitToken(db, "t:bad", { limit: 0, windowMs: 1000 })).rejects.toThrow(/limit ≥ 1/);
    await expect(takeRateLimitToken(db, "t:bad", { limit: 5, windowMs: 2 * 86_400_000 })).rejects.toThrow(/1 day/);
  });

  it("resets a prefix and purges idle buckets", async () => {
    await takeRateLimitToken(db, "reset:a", HOURLY(1));
    await takeRateLimitToken(db, "keep:a", HOURLY(1));
    expect(await resetRateLimits(db, "reset:")).toBe(1);
    await db.rateLimitBucket.update({ where: { key: "keep:a" }, data: { updatedAt: new Date(Date.now() - 3 * 86_400_000) } });
    expect(await purgeIdleRateLimits(db, 86_400_000)).toBeGreaterThanOrEqual(1);
    expect(await db.rateLimitBucket.findUnique({ where: { key: "keep:a" } })).toBeNull();
  });
});
