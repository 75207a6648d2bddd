import { afterEach, describe, expect, it } from "vitest";
import { type FakeGeoServer, startFakeGeo } from "../../../e2e/fakes/geo/fake-geo-server";
import { DEFAULT_GEO_ENDPOINT, lookupGeo } from "./lookup-geo";

let fake: FakeGeoServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const LONDON = {
  country: "United Kingdom",
  countryCode: "GB",
  regionName: "England",
  city: "London",
  lat: 51.5072,
  lon: -0.1276,
  isp: "Example Broadband",
  org: "",
  as: "AS64501 Example Broadband Ltd",
};

function stubFetch(response: Response): typeof fetch {
  return async () => response;
}

describe("lookupGeo's outbound guard", () => {
  it("refuses an endpoint on a non-public address at call time, before connecting", async () => {
    fake = await startFakeGeo({ table: { "81.2.69.142": LONDON } });
    process.env.OUTBOUND_ALLOW_LOOPBACK = "false";
    try {
      const result = await lookupGeo("81.2.69.142", { endpoint: fake.url, timeoutMs: 2000 });
      expect(result).toMatchObject({ kind: "failed" });
      expect(JSON.stringify(result)).toMatch(/refused: .*loopback address \(127\.0\.0\.1\)/);
    } finally {
      process.env.OUTBOUND_ALLOW_LOOPBACK = "true";
    }
  });
});

describe("lookupGeo against an ip-api-compatible server", () => {
  it("maps a success answer and reports the rate-limit headers", async () => {
    fake = await startFakeGeo({ table: { "81.2.69.142": LONDON }, rateLimitAfter: 10, ttlSec: 30 });
    const result = await lookupGeo("81.2.69.142", { endpoint: fake.url, timeoutMs: 2000 });
    expect(result).toEqual({
      kind: "ok",
      country: "United Kingdom",
      countryCode: "GB",
      region: "England",
      city: "London",
      lat: 51.5072,
      lon: -0.1276,
      isp: "Example Broadband",
      org: null,
      asn: "AS64501 Example Broadband Ltd",
      remaining: 9,
      ttlSec: 30,
    });
    expect(fake.requests).toEqual(["81.2.69.142"]);
  });

  it("looks up IPv6 addresses", async () => {
    fake = await startFakeGeo({ table: { "2a00:1450:4001::1": { countryCode: "DE", country: "Germany" } } });
    const result = await lookupGeo("2a00:1450:4001::1", { endpoint: fake.url });
    expect(result).toMatchObject({ kind: "ok", countryCode: "DE", country: "Germany" });
    expect(fake.requests).toEqual(["2a00:1450:4001::1"]);
  });

  it("turns status fail into a failure that keeps the provider's message", async () => {
    fake = await startFakeGeo();
    const result = await lookupGeo("10.1.2.3", { endpoint: fake.url });
    expect(result).toEqual({
      kind: "failed",
      reason: "private range",
      providerMessage: "private range",
      remaining: 45,
      ttlSec: 60,
    });
  });

  it("reports success with X-Rl 0 so a batch can stop after using it", async () => {
    fake = await startFakeGeo({ rateLimitAfter: 1 });
    const result = await lookupGeo("8.8.8.8", { endpoint: fake.url });
    expect(result).toMatchObject({ kind: "ok", countryCode: "XT", remaining: 0, ttlSec: 60 });
  });

  it("answers rate_limited on 429 with the X-Ttl wait", async () => {
    fake = await startFakeGeo({ ttlSec: 17 });
    fake.setRateLimited(true);
    expect(await lookupGeo("8.8.8.8", { endpoint: fake.url })).toEqual({ kind: "rate_limited", retryAfterSec: 17 });
  });

  it("gives up after the timeout", async () => {
    fake = await startFakeGeo();
    fake.setDelayMs(30_000);
    const result = await lookupGeo("8.8.8.8", { endpoint: fake.url, timeoutMs: 100 });
    expect(result).toMatchObject({ kind: "failed", reason: "timeout" });
    expect(fake.requests).toEqual(["8.8.8.8"]);
  });

  it("reports a network error when nothing listens", async () => {
    fake = await startFakeGeo();
    const endpoint = fake.url;
    await fake.close();
    fake = undefined;
    expect(await lookupGeo("8.8.8.8", { endpoint })).toMatchObject({ kind: "failed", reason: "network error" });
  });
});

describe("lookupGeo input and answer checks", () => {
  it("sends nothing for an address that is not an IP literal", async () => {
    fake = await startFakeGeo();
    const result = await lookupGeo("8.8.8.8/../../admin", { endpoint: fake.url });
    expect(result).toMatchObject({ kind: "failed", reason: "invalid query" });
    expect(fake.requests).toEqual([]);
  });

  it("refuses an endpoint without the {ip} placeholder", async () => {
    expect(await lookupGeo("8.8.8.8", { endpoint: "http://127.0.0.1:1/json" })).toMatchObject({
      kind: "failed",
      reason: "endpoint has no {ip} placeholder",
    });
  });

  it("asks the default ip-api URL with our user agent", async () => {
    let seen: { url: string; userAgent: string | null } | undefined;
    const fetchImpl: typeof fetch = async (input, init) => {
      seen = { url: String(input), userAgent: new Headers(init?.headers).get("user-agent") };
      return Response.json({ status: "success", countryCode: "us" });
    };
    const result = await lookupGeo("8.8.8.8", { fetchImpl });
    expect(seen?.url).toBe(DEFAULT_GEO_ENDPOINT.replace("{ip}", "8.8.8.8"));
    expect(seen?.userAgent).toMatch(/^Switchboard/);
    expect(result).toMatchObject({ kind: "ok", countryCode: "US", city: null, remaining: null, ttlSec: null });
  });

  it("treats an HTTP error as a failure, or as rate limiting when X-Rl is 0", async () => {
    const plain = await lookupGeo("8.8.8.8", { fetchImpl: stubFetch(new Response("oops", { status: 503 })) });
    expect(plain).toMatchObject({ kind: "failed", reason: "http 503" });
    const limited = await lookupGeo("8.8.8.8", {
      fetchImpl: stubFetch(new Response("slow down", { status: 503, headers: { "x-rl": "0", "x-ttl": "12" } })),
    });
    expect(limited).toEqual({ kind: "rate_limited", retryAfterSec: 12 });
  });

  it("falls back to a one-minute wait when a 429 has no X-Ttl", async () => {
    const result = await lookupGeo("8.8.8.8", { fetchImpl: stubFetch(new Response("", { status: 429 })) });
    expect(result).toEqual({ kind: "rate_limited", retryAfterSec: 60 });
  });

  it.each([
    ["not json", new Response("<html>", { status: 200 })],
    ["wrong shape", Response.json({ hello: "world" })],
  ])("treats a %s body as an invalid response", async (_label, response) => {
    expect(await lookupGeo("8.8.8.8", { fetchImpl: stubFetch(response) })).toMatchObject({
      kind: "failed",
      reason: "invalid response",
    });
  });

  it("never throws when fetch itself throws synchronously", async () => {
    const fetchImpl = (() => {
      throw new TypeError("boom");
    }) as unknown as typeof fetch;
    expect(await lookupGeo("8.8.8.8", { fetchImpl })).toMatchObject({ kind: "failed", reason: "network error" });
  });
});
