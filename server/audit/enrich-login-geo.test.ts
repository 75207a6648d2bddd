import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeGeo, type FakeGeoServer } from "@/e2e/fakes/geo/fake-geo-server";
import { startFakeReverseDns, type FakeReverseDns } from "@/e2e/fakes/geo/fake-reverse-dns";
import { db } from "@/server/db";
import { buildLoginEventData } from "./record-login-event";
import { enrichPendingLoginGeo, GEO_CACHE_DAYS } from "./enrich-login-geo";
import { reverseLookup } from "./reverse-dns";

let geo: FakeGeoServer;
let dns: FakeReverseDns;
const DAY = 86_400_000;

beforeEach(async () => {
  await db.loginEvent.deleteMany();
  dns = await startFakeReverseDns({ table: { "81.2.69.142": "host142.example.net", "8.8.8.8": "dns.google" } });
});
afterEach(async () => {
  await geo?.close();
  await dns.close();
});

async function pendingRow(ip: string, minutesAgo = 1) {
  const data = buildLoginEventData({
    kind: "sign_in",
    method: "password",
    login: "geo@example.test",
    userId: null,
    success: false,
    reason: "bad_password",
    ip,
    userAgent: "curl/8.5.0",
    occurredAt: new Date(Date.now() - minutesAgo * 60_000),
  });
  return db.loginEvent.create({ data });
}

function options() {
  return {
    endpoint: geo.url,
    timeoutMs: 2000,
    reverseDnsTimeoutMs: 1000,
    reverseLookup: (ip: string) => reverseLookup(ip, 1000, { servers: [dns.server] }),
  };
}

describe("geo enrichment of pending login rows", () => {
  it("skips private addresses, reuses a recent answer without a call, and looks up the rest once per address", async () => {
    geo = await startFakeGeo({ table: { "8.8.8.8": { country: "United States", countryCode: "US", regionName: "California", city: "Mountain View" } } });
    // An answer from 3 days ago for 81.2.69.142: the cache.
    await db.loginEvent.create({
      data: {
        ...buildLoginEventData({ kind: "sign_in", method: "password", login: "x@example.test", userId: null, success: true, reason: null, ip: "81.2.69.142", userAgent: "" }),
        occurredAt: new Date(Date.now() - 3 * DAY),
        geoState: "DONE",
        geoLookedUpAt: new Date(Date.now() - 3 * DAY),
        country: "United Kingdom",
        countryCode: "GB",
        region: "England",
        city: "London",
        hostname: "host142.example.net",
      },
    });
    const cached = await pendingRow("81.2.69.142", 5);
    const privateRows = await Promise.all(["10.1.2.3", "127.0.0.1", "::1", "fe80::1", "169.254.10.10", "192.168.0.7", "unknown"].map((ip) => pendingRow(ip, 4)));
    const looked = await Promise.all([pendingRow("8.8.8.8", 3), pendingRow("8.8.8.8", 2)]);

    const summary = await enrichPendingLoginGeo(db, options());

    expect(geo.requests).toEqual(["8.8.8.8"]);
    expect(summary).toMatchObject({ processed: 10, done: 3, fromCache: 1, private: 7, failed: 0, leftPending: 0, lookups: 1, rateLimited: null });
    const cachedRow = await db.loginEvent.findUniqueOrThrow({ where: { id: cached.id } });
    expect(cachedRow).toMatchObject({ geoState: "DONE", countryCode: "GB", city: "London", hostname: "host142.example.net" });
    // The copy keeps the original answer's date, so a cache entry never outlives 30 days.
    expect(cachedRow.geoLookedUpAt!.getTime()).toBeLessThan(Date.now() - 2 * DAY);
    for (const row of privateRows) {
      expect(await db.loginEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ geoState: "PRIVATE", countryCode: null });
    }
    for (const row of looked) {
      expect(await db.loginEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
        geoState: "DONE",
        countryCode: "US",
        country: "United States",
        region: "California",
        city: "Mountain View",
        asn: "AS64500 Test Network",
        isp: "Test ISP",
        hostname: "dns.google",
      });
    }
  });

  it(`does not reuse an answer older than ${GEO_CACHE_DAYS} days`, async () => {
    geo = await startFakeGeo();
    await db.loginEvent.create({
      data: {
        ...buildLoginEventData({ kind: "sign_in", method: "password", login: "x@example.test", userId: null, success: true, reason: null, ip: "81.2.69.142", userAgent: "" }),
        geoState: "DONE",
        geoLookedUpAt: new Date(Date.now() - 31 * DAY),
        countryCode: "GB",
      },
    });
    const row = await pendingRow("81.2.69.142");
    await enrichPendingLoginGeo(db, options());
    expect(geo.requests).toEqual(["81.2.69.142"]);
    expect(await db.loginEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ geoState: "DONE", countryCode: "XT" });
  });

  it("stops at the provider's rate-limit header and leaves the rest pending", async () => {
    // The first answer carries X-Rl: 0.
    geo = await startFakeGeo({ rateLimitAfter: 1, ttlSec: 42 });
    const first = await pendingRow("8.8.8.8", 9);
    const rest = await Promise.all([pendingRow("8.8.4.4", 8), pendingRow("1.1.1.1", 7)]);
    const local = await pendingRow("10.0.0.9", 6);

    const summary = await enrichPendingLoginGeo(db, options());

    expect(geo.requests).toEqual(["8.8.8.8"]);
    expect(summary.rateLimited).toEqual({ retryAfterSec: 42 });
    expect(summary).toMatchObject({ done: 1, private: 1, leftPending: 2, lookups: 1 });
    expect((await db.loginEvent.findUniqueOrThrow({ where: { id: first.id } })).geoState).toBe("DONE");
    expect((await db.loginEvent.findUniqueOrThrow({ where: { id: local.id } })).geoState).toBe("PRIVATE");
    for (const row of rest) expect((await db.loginEvent.findUniqueOrThrow({ where: { id: row.id } })).geoState).toBe("PENDING");

    // The next run, with a fresh budget of one, resumes with the oldest pending row.
    geo.setRateLimited(false);
    const next = await enrichPendingLoginGeo(db, options());
    expect(next).toMatchObject({ processed: 2, done: 1, leftPending: 1 });
    expect(geo.requests).toEqual(["8.8.8.8", "8.8.4.4"]);
  });

  it("a 429 also stops the batch, and the next run picks the rows up", async () => {
    geo = await startFakeGeo();
    geo.setRateLimited(true);
    await pendingRow("8.8.8.8", 3);
    await pendingRow("8.8.4.4", 2);
    const limited = await enrichPendingLoginGeo(db, options());
    expect(limited).toMatchObject({ lookups: 1, leftPending: 2, rateLimited: { retryAfterSec: 60 } });
    expect(await db.loginEvent.count({ where: { geoState: "PENDING" } })).toBe(2);

    geo.setRateLimited(false);
    const summary = await enrichPendingLoginGeo(db, options());
    expect(summary).toMatchObject({ done: 2, leftPending: 0, rateLimited: null });
  });

  it("a failing provider marks only the rows it failed; the others in the batch are still written", async () => {
    geo = await startFakeGeo();
    const broken = await pendingRow("8.8.8.8", 2);
    const local = await pendingRow("10.9.9.9", 1);
    const summary = await enrichPendingLoginGeo(db, { ...options(), endpoint: `${geo.origin}/nothing-here/{ip}` });
    expect(summary).toMatchObject({ failed: 1, private: 1, leftPending: 0 });
    expect(await db.loginEvent.findUniqueOrThrow({ where: { id: broken.id } })).toMatchObject({ geoState: "FAILED", geoNote: "http 404", hostname: "dns.google" });
    expect((await db.loginEvent.findUniqueOrThrow({ where: { id: local.id } })).geoState).toBe("PRIVATE");
  });
});
