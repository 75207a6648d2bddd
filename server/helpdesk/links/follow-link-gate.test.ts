import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { peerHeaderForTests } from "@/server/net/socket-peer";
import { resetRateLimits } from "@/server/security/rate-limit";
import { followLinkRateLimit } from "./follow-link-gate";

const open = (ip: string, path = "/t/some-token") => proxy(new NextRequest(`http://localhost${path}`, { headers: peerHeaderForTests(ip) }));

beforeEach(() => resetRateLimits(db, followLinkRateLimit.prefix));

describe("GET /t/<token> rate limit", () => {
  it("answers 429 with Retry-After once an address has opened too many links this minute", async () => {
    const limit = appEnv.helpdesk().linkRateLimitPerMinute;
    for (let i = 0; i < limit; i++) expect((await open("203.0.113.77")).status).toBe(200);
    const limited = await open("203.0.113.77");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await limited.text()).toContain("Too many requests");
    // Another address is not affected, and neither are other pages.
    expect((await open("203.0.113.78")).status).toBe(200);
    expect((await open("203.0.113.77", "/sign-in")).status).toBe(200);
  });

  it("counts one address's opens in PostgreSQL, so every instance sees the same count", async () => {
    const limit = appEnv.helpdesk().linkRateLimitPerMinute;
    // As many opens as the limit allows, all at once: a per-process counter would let each instance through.
    const statuses = await Promise.all(Array.from({ length: limit + 5 }, () => open("203.0.113.90").then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const bucket = await db.rateLimitBucket.findUnique({ where: { key: `${followLinkRateLimit.prefix}203.0.113.90` } });
    expect(bucket?.allowed).toBe(false);
  });
});
