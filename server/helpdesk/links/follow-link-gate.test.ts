import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { peerHeaderForTests } from "@/server/net/socket-peer";
import { helpdeskConfig } from "../helpdesk-config";

describe("GET /t/<token> rate limit", () => {
  it("answers 429 with Retry-After once an address has opened too many links this minute", async () => {
    const limit = helpdeskConfig().linkRateLimitPerMinute;
    const open = () => proxy(new NextRequest("http://localhost/t/some-token", { headers: peerHeaderForTests("203.0.113.77") }));
    for (let i = 0; i < limit; i++) expect(open().status).toBe(200);
    const limited = open();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.text()).toContain("Too many requests");
    // Another address is not affected, and neither are other pages.
    expect(proxy(new NextRequest("http://localhost/t/some-token", { headers: peerHeaderForTests("203.0.113.78") })).status).toBe(200);
    expect(proxy(new NextRequest("http://localhost/sign-in", { headers: peerHeaderForTests("203.0.113.77") })).status).toBe(200);
  });
});
