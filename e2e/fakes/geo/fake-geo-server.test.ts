import { afterEach, describe, expect, it, vi } from "vitest";
import { FAKE_GEO_DEFAULT, type FakeGeoServer, startFakeGeo } from "./fake-geo-server";

let fake: FakeGeoServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const ask = (ip: string) => fetch(fake!.url.replace("{ip}", ip));

describe("fake ip-api server", () => {
  it("answers a listed IP with the requested fields only", async () => {
    fake = await startFakeGeo({ table: { "81.2.69.142": { country: "United Kingdom", countryCode: "GB", city: "London" } } });
    const res = await fetch(`${fake.origin}/json/81.2.69.142?fields=status,country,city`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "success", country: "United Kingdom", city: "London" });
    expect(fake.requests).toEqual(["81.2.69.142"]);
  });

  it("answers an unlisted public IP with the default record and all fields when none are asked", async () => {
    fake = await startFakeGeo();
    const res = await fetch(`${fake.origin}/json/8.8.8.8`);
    expect(await res.json()).toEqual({ status: "success", ...FAKE_GEO_DEFAULT, query: "8.8.8.8" });
  });

  it.each([
    ["192.168.1.10", "private range"],
    ["127.0.0.1", "reserved range"],
    ["169.254.1.1", "reserved range"],
    ["not-an-ip", "invalid query"],
  ])("fails %s with %s", async (ip, message) => {
    fake = await startFakeGeo();
    const res = await ask(ip);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "fail", message, query: ip });
  });

  it("counts down X-Rl and answers 429 once the budget is spent", async () => {
    fake = await startFakeGeo({ rateLimitAfter: 2, ttlSec: 42 });
    const first = await ask("8.8.8.8");
    expect([first.status, first.headers.get("x-rl"), first.headers.get("x-ttl")]).toEqual([200, "1", "42"]);
    const second = await ask("8.8.4.4");
    expect([second.status, second.headers.get("x-rl")]).toEqual([200, "0"]);
    const third = await ask("1.1.1.1");
    expect([third.status, third.headers.get("x-rl"), third.headers.get("x-ttl")]).toEqual([429, "0", "42"]);
    expect(fake.requests).toEqual(["8.8.8.8", "8.8.4.4", "1.1.1.1"]);
  });

  it("can be forced into and out of the limited state", async () => {
    fake = await startFakeGeo();
    fake.setRateLimited(true);
    expect((await ask("8.8.8.8")).status).toBe(429);
    fake.setRateLimited(false);
    const res = await ask("8.8.8.8");
    expect([res.status, res.headers.get("x-rl")]).toEqual([200, "45"]);
  });

  it("closes even while an answer is being delayed", async () => {
    fake = await startFakeGeo();
    fake.setDelayMs(60_000);
    const pending = ask("8.8.8.8").catch((error: unknown) => error);
    await vi.waitFor(() => expect(fake!.requests).toHaveLength(1));
    await fake.close();
    fake = undefined;
    expect(await pending).toBeInstanceOf(Error);
  });
});
