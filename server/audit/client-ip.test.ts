import { describe, expect, it } from "vitest";
import { UNKNOWN_CLIENT_IP, clientIpFromHeaders, normalizeIp, parseTrustProxy } from "./client-ip";

describe("normalizeIp", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ['"203.0.113.7"', "203.0.113.7"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::ffff:198.51.100.4", "198.51.100.4"],
    ["::FFFF:198.51.100.4", "198.51.100.4"],
    ["::ffff:7f00:1", "127.0.0.1"],
    ["::1", "::1"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeIp(input)).toBe(expected);
  });

  it.each([[""], ["unknown"], ["999.1.1.1"], ["1.2.3"], ["example.com"], ["1.2.3.4:abc"], [null], [undefined]])(
    "rejects %j",
    (input) => {
      expect(normalizeIp(input)).toBeNull();
    },
  );
});

describe("clientIpFromHeaders", () => {
  const forged = new Headers({ "x-forwarded-for": "8.8.8.8", "x-real-ip": "1.1.1.1" });

  it("without a trusted proxy takes the socket address and ignores X-Forwarded-For and X-Real-IP", () => {
    expect(clientIpFromHeaders(forged, { trustProxy: parseTrustProxy(undefined), remoteAddress: "::ffff:203.0.113.50" })).toBe("203.0.113.50");
    expect(clientIpFromHeaders(forged, { trustProxy: parseTrustProxy("false"), remoteAddress: "203.0.113.50" })).toBe("203.0.113.50");
  });

  it("answers unknown rather than believing the headers when the socket address is missing", () => {
    expect(clientIpFromHeaders(forged, { trustProxy: parseTrustProxy("1") })).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIpFromHeaders(forged, { trustProxy: parseTrustProxy(""), remoteAddress: "not-an-ip" })).toBe(UNKNOWN_CLIENT_IP);
  });

  it("with a hop count believes only the entries the proxies appended", () => {
    // The client wrote 6.6.6.6; our one proxy appended the client's real address.
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.20" });
    expect(clientIpFromHeaders(headers, { trustProxy: parseTrustProxy("1"), remoteAddress: "10.0.0.2" })).toBe("198.51.100.20");
    const twoHops = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.21, 10.0.0.9" });
    expect(clientIpFromHeaders(twoHops, { trustProxy: parseTrustProxy("2"), remoteAddress: "10.0.0.2" })).toBe("198.51.100.21");
    // A request that reached the app without passing the proxy has no chain: its socket is the client.
    expect(clientIpFromHeaders(new Headers(), { trustProxy: parseTrustProxy("1"), remoteAddress: "203.0.113.9" })).toBe("203.0.113.9");
  });

  it("with proxy addresses walks back over them only", () => {
    const trust = parseTrustProxy("10.0.0.0/8, 192.0.2.1");
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.22, 10.1.2.3" });
    expect(clientIpFromHeaders(headers, { trustProxy: trust, remoteAddress: "192.0.2.1" })).toBe("198.51.100.22");
    // A direct client (not one of the proxies) is taken from the socket whatever it forwards.
    expect(clientIpFromHeaders(headers, { trustProxy: trust, remoteAddress: "203.0.113.77" })).toBe("203.0.113.77");
  });
});

describe("parseTrustProxy", () => {
  it("refuses the ambiguous 'true' and junk, naming the variable", () => {
    expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY="true" is ambiguous/);
    expect(() => parseTrustProxy("proxy.internal")).toThrow(/TRUST_PROXY: "proxy.internal"/);
    expect(() => parseTrustProxy("99")).toThrow(/TRUST_PROXY/);
  });

  it("reads unset, hop counts and address lists", () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: "none" });
    expect(parseTrustProxy("2")).toEqual({ kind: "hops", hops: 2 });
    expect(parseTrustProxy("10.0.0.0/8,::1").kind).toBe("addresses");
  });
});
