import { describe, expect, it } from "vitest";
import { UNKNOWN_CLIENT_IP, clientIpFromHeaders, lastForwardedAddress, normalizeIp } from "./client-ip";

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

describe("clientIpFromHeaders behind a trusted proxy", () => {
  const trusted = { trustProxy: true, remoteAddress: "10.0.0.5" };

  it("takes the first address of X-Forwarded-For", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.2, 10.0.0.1" });
    expect(clientIpFromHeaders(headers, trusted)).toBe("203.0.113.7");
  });

  it("skips entries that are not addresses", () => {
    const headers = new Headers({ "x-forwarded-for": "unknown, , [2001:db8::9]:8443" });
    expect(clientIpFromHeaders(headers, trusted)).toBe("2001:db8::9");
  });

  it("strips a port and an IPv4-mapped prefix", () => {
    expect(clientIpFromHeaders({ "X-Forwarded-For": "::ffff:198.51.100.4" }, trusted)).toBe("198.51.100.4");
    expect(clientIpFromHeaders({ "x-forwarded-for": "198.51.100.4:6000" }, trusted)).toBe("198.51.100.4");
  });

  it("joins repeated X-Forwarded-For headers from a plain object", () => {
    expect(clientIpFromHeaders({ "x-forwarded-for": ["garbage", "203.0.113.8"] }, trusted)).toBe("203.0.113.8");
  });

  it("falls back to X-Real-IP, then to the socket address", () => {
    expect(clientIpFromHeaders({ "x-forwarded-for": "nope", "X-Real-IP": "203.0.113.9" }, trusted)).toBe(
      "203.0.113.9",
    );
    expect(clientIpFromHeaders({}, trusted)).toBe("10.0.0.5");
  });

  it("answers unknown when nothing is usable", () => {
    expect(clientIpFromHeaders({ "x-real-ip": "bogus" }, { trustProxy: true })).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIpFromHeaders(null, { trustProxy: true })).toBe(UNKNOWN_CLIENT_IP);
  });
});

describe("clientIpFromHeaders without a trusted proxy", () => {
  const spoofed = new Headers({ "x-forwarded-for": "8.8.8.8", "x-real-ip": "1.1.1.1" });

  it("ignores a forged X-Forwarded-For and X-Real-IP and uses the socket address", () => {
    expect(clientIpFromHeaders(spoofed, { trustProxy: false, remoteAddress: "::ffff:203.0.113.50" })).toBe(
      "203.0.113.50",
    );
  });

  it("answers unknown rather than believing the headers when the socket address is missing", () => {
    expect(clientIpFromHeaders(spoofed, { trustProxy: false })).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIpFromHeaders(spoofed, { trustProxy: false, remoteAddress: "not-an-ip" })).toBe(UNKNOWN_CLIENT_IP);
  });
});

describe("lastForwardedAddress", () => {
  it("is the address Next.js wrote from the socket when the request had no header", () => {
    expect(lastForwardedAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
  });

  it("takes the last valid entry: the peer of the nearest hop", () => {
    expect(lastForwardedAddress(new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.9, garbage" }))).toBe("203.0.113.9");
    expect(lastForwardedAddress({ "X-Forwarded-For": ["198.51.100.1", "203.0.113.10"] })).toBe("203.0.113.10");
  });

  it("is null without a usable header", () => {
    expect(lastForwardedAddress(new Headers())).toBeNull();
    expect(lastForwardedAddress(new Headers({ "x-forwarded-for": "unknown" }))).toBeNull();
    expect(lastForwardedAddress(null)).toBeNull();
  });
});
