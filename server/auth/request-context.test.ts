import { describe, expect, it } from "vitest";
import { requestContextFromHeaders } from "./request-context";

describe("requestContextFromHeaders", () => {
  const UA = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0";

  it("without TRUST_PROXY records the address Next.js took from the socket (the last forwarded hop)", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.5", "user-agent": UA });
    expect(requestContextFromHeaders(headers, {})).toEqual({ ip: "203.0.113.5", userAgent: UA });
  });

  it("without TRUST_PROXY ignores addresses a client put in front, and X-Real-IP", () => {
    const headers = new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.5", "x-real-ip": "8.8.8.8" });
    expect(requestContextFromHeaders(headers, { TRUST_PROXY: "false" }).ip).toBe("203.0.113.5");
  });

  it("with TRUST_PROXY takes the client address the proxy forwarded", () => {
    const headers = new Headers({ "x-forwarded-for": "198.51.100.20, 10.0.0.2" });
    expect(requestContextFromHeaders(headers, { TRUST_PROXY: "true" }).ip).toBe("198.51.100.20");
    expect(requestContextFromHeaders(new Headers({ "x-real-ip": "198.51.100.21" }), { TRUST_PROXY: "1" }).ip).toBe("198.51.100.21");
  });

  it('is "unknown" with no address at all, and caps the user agent', () => {
    const context = requestContextFromHeaders({ "User-Agent": "x".repeat(600) }, {});
    expect(context.ip).toBe("unknown");
    expect(context.userAgent).toHaveLength(512);
  });
});
