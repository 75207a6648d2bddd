import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGeoServer, startFakeGeo } from "../../../e2e/fakes/geo/fake-geo-server";
import { type FakeReverseDns, startFakeReverseDns } from "../../../e2e/fakes/geo/fake-reverse-dns";
import { reverseLookup } from "../reverse-dns";
import { type CachedGeo, type GeoBatchDeps, enrichBatch, planGeoBatch } from "./enrich-geo-batch";
import type { GeoLookupResult } from "./geo-types";
import { lookupGeo } from "./lookup-geo";

const LONDON_IP = "81.2.69.142";
const PARIS_IP = "90.63.1.1";
const TABLE = {
  [LONDON_IP]: { country: "United Kingdom", countryCode: "GB", regionName: "England", city: "London" },
  [PARIS_IP]: { country: "France", countryCode: "FR", regionName: "Île-de-France", city: "Paris" },
};
const CACHED_SYDNEY: CachedGeo = {
  country: "Australia",
  countryCode: "AU",
  region: "New South Wales",
  city: "Sydney",
  lat: -33.86,
  lon: 151.2,
  isp: "Cached ISP",
  org: null,
  asn: "AS64502 Cached",
  hostname: "cached.example.au",
};

let geo: FakeGeoServer;
let dns: FakeReverseDns;
let cacheReads: string[];

beforeEach(async () => {
  cacheReads = [];
  geo = await startFakeGeo({ table: TABLE });
  dns = await startFakeReverseDns({ table: { [LONDON_IP]: "host-142.example.net" } });
});
afterEach(async () => {
  await geo.close();
  await dns.close();
});

/** Real lookups against the local fakes, with an in-memory cache. */
function deps(cache: Record<string, CachedGeo> = {}, overrides: Partial<GeoBatchDeps> = {}): GeoBatchDeps {
  return {
    findCached: async (ip) => {
      cacheReads.push(ip);
      return cache[ip] ?? null;
    },
    lookupGeo: (ip) => lookupGeo(ip, { endpoint: geo.url, timeoutMs: 2000 }),
    reverseLookup: (ip) => reverseLookup(ip, 1000, { servers: [dns.server] }),
    ...overrides,
  };
}

const row = (id: string, ip: string) => ({ id, ip });

describe("planGeoBatch", () => {
  it("separates private addresses and groups duplicates in first-seen order", () => {
    const plan = planGeoBatch([
      row("1", "8.8.8.8"),
      row("2", "192.168.0.4"),
      row("3", "2001:DB8:1::1"),
      row("4", "8.8.8.8"),
      row("5", "2001:db8:1::1"),
      row("6", "unknown"),
    ]);
    expect(plan.privateRows.map((p) => [p.row.id, p.ipClass])).toEqual([
      ["2", "private"],
      ["6", "invalid"],
    ]);
    expect(plan.groups.map((g) => [g.ip, g.rows.map((r) => r.id)])).toEqual([
      ["8.8.8.8", ["1", "4"]],
      ["2001:db8:1::1", ["3", "5"]],
    ]);
  });
});

describe("enrichBatch", () => {
  it("marks private, loopback, link-local and invalid addresses without any request or cache read", async () => {
    const rows = [
      row("a", "10.0.0.7"),
      row("b", "127.0.0.1"),
      row("c", "::1"),
      row("d", "fe80::1"),
      row("e", "169.254.3.4"),
      row("f", "unknown"),
    ];
    const result = await enrichBatch(rows, deps());
    expect(result.outcomes.map((o) => [o.id, o.state, "reason" in o ? o.reason : null])).toEqual([
      ["a", "private", "private"],
      ["b", "private", "loopback"],
      ["c", "private", "loopback"],
      ["d", "private", "link-local"],
      ["e", "private", "link-local"],
      ["f", "private", "invalid"],
    ]);
    expect(geo.requests).toEqual([]);
    expect(dns.queries).toEqual([]);
    expect(cacheReads).toEqual([]);
    expect(result.lookups).toBe(0);
  });

  it("looks up a public address and its host name", async () => {
    const result = await enrichBatch([row("1", LONDON_IP)], deps());
    expect(result.outcomes).toEqual([
      {
        id: "1",
        ip: LONDON_IP,
        state: "done",
        source: "lookup",
        hostname: "host-142.example.net",
        location: expect.objectContaining({ countryCode: "GB", city: "London", region: "England" }),
      },
    ]);
    expect(geo.requests).toEqual([LONDON_IP]);
    expect(result).toMatchObject({ lookups: 1, rateLimited: null });
  });

  it("reuses a cached result without any HTTP call", async () => {
    const result = await enrichBatch([row("1", "1.2.3.4")], deps({ "1.2.3.4": CACHED_SYDNEY }));
    const { hostname, ...location } = CACHED_SYDNEY;
    expect(result.outcomes).toEqual([{ id: "1", ip: "1.2.3.4", state: "done", source: "cache", location, hostname }]);
    expect(geo.requests).toEqual([]);
    expect(dns.queries).toEqual([]);
    expect(result.lookups).toBe(0);
  });

  it("looks up an address that appears twice only once and gives both rows the result", async () => {
    const result = await enrichBatch([row("1", PARIS_IP), row("2", LONDON_IP), row("3", PARIS_IP)], deps());
    expect(geo.requests).toEqual([PARIS_IP, LONDON_IP]);
    expect(cacheReads).toEqual([PARIS_IP, LONDON_IP]);
    expect(result.outcomes.map((o) => [o.id, o.state, o.state === "done" ? o.location.city : null])).toEqual([
      ["1", "done", "Paris"],
      ["2", "done", "London"],
      ["3", "done", "Paris"],
    ]);
  });

  it("keeps one row's failure to that row", async () => {
    const failing = "203.0.113.99";
    const throwing = "198.51.100.77";
    const real = deps();
    const result = await enrichBatch(
      [row("1", failing), row("2", LONDON_IP), row("3", throwing), row("4", PARIS_IP)],
      deps(
        {},
        {
          findCached: async (ip) => {
            if (ip === PARIS_IP) throw new Error("cache down");
            return null;
          },
          lookupGeo: async (ip): Promise<GeoLookupResult> => {
            if (ip === failing) return { kind: "failed", reason: "http 500", providerMessage: null, remaining: 40, ttlSec: 60 };
            if (ip === throwing) throw new Error("unexpected");
            return real.lookupGeo(ip);
          },
          reverseLookup: async (ip) => {
            if (ip === PARIS_IP) throw new Error("resolver exploded");
            return real.reverseLookup(ip);
          },
        },
      ),
    );
    expect(result.outcomes.map((o) => [o.id, o.state, o.state === "failed" ? o.reason : null])).toEqual([
      ["1", "failed", "http 500"],
      ["2", "done", null],
      ["3", "failed", "lookup error"],
      // A broken cache read or resolver still lets the lookup happen.
      ["4", "done", null],
    ]);
    expect(result.outcomes[3]).toMatchObject({ hostname: null });
    expect(result.rateLimited).toBeNull();
  });

  it("treats the provider's private or reserved range answer as private", async () => {
    const result = await enrichBatch(
      [row("1", "192.0.2.10")],
      deps(
        {},
        {
          lookupGeo: async () => ({
            kind: "failed",
            reason: "reserved range",
            providerMessage: "reserved range",
            remaining: 44,
            ttlSec: 60,
          }),
        },
      ),
    );
    expect(result.outcomes).toEqual([{ id: "1", ip: "192.0.2.10", state: "private", reason: "reserved range" }]);
  });
});

describe("enrichBatch and the provider's rate limit", () => {
  it("stops after the answer that says X-Rl 0 and leaves the rest pending", async () => {
    await geo.close();
    geo = await startFakeGeo({ table: TABLE, rateLimitAfter: 2, ttlSec: 33 });
    const rows = [row("1", LONDON_IP), row("2", PARIS_IP), row("3", "8.8.8.8"), row("4", "1.1.1.1"), row("5", "10.0.0.1")];
    const result = await enrichBatch(rows, deps());
    expect(geo.requests).toEqual([LONDON_IP, PARIS_IP]);
    expect(result.outcomes.map((o) => [o.id, o.state])).toEqual([
      ["1", "done"],
      ["2", "done"],
      ["3", "pending"],
      ["4", "pending"],
      ["5", "private"],
    ]);
    expect(result).toMatchObject({ lookups: 2, rateLimited: { retryAfterSec: 33 } });
  });

  it("leaves the refused row and the rest pending on 429, but still serves cache hits", async () => {
    geo.setRateLimited(true);
    const rows = [row("1", LONDON_IP), row("2", PARIS_IP), row("3", "1.2.3.4"), row("4", LONDON_IP)];
    const result = await enrichBatch(rows, deps({ "1.2.3.4": CACHED_SYDNEY }));
    expect(geo.requests).toEqual([LONDON_IP]);
    expect(result.outcomes.map((o) => [o.id, o.state])).toEqual([
      ["1", "pending"],
      ["2", "pending"],
      ["3", "done"],
      ["4", "pending"],
    ]);
    expect(result).toMatchObject({ lookups: 1, rateLimited: { retryAfterSec: 60 } });
  });
});
