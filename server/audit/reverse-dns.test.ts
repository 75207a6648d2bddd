import { afterEach, describe, expect, it } from "vitest";
import { type FakeReverseDns, startFakeReverseDns } from "../../e2e/fakes/geo/fake-reverse-dns";
import { reverseLookup } from "./reverse-dns";

let dns: FakeReverseDns | undefined;
afterEach(async () => {
  await dns?.close();
  dns = undefined;
});

describe("reverseLookup", () => {
  it("returns the PTR host name of an IPv4 address", async () => {
    dns = await startFakeReverseDns({ table: { "81.2.69.142": "Host-142.Example.NET." } });
    expect(await reverseLookup("81.2.69.142", 2000, { servers: [dns.server] })).toBe("host-142.example.net");
    expect(dns.queries).toEqual(["142.69.2.81.in-addr.arpa"]);
  });

  it("returns the PTR host name of an IPv6 address", async () => {
    dns = await startFakeReverseDns({ table: { "2001:db8::1": "v6.example.org" } });
    expect(await reverseLookup("2001:db8::1", 2000, { servers: [dns.server] })).toBe("v6.example.org");
    expect(dns.queries[0]).toBe(`1.${"0.".repeat(23)}8.b.d.0.1.0.0.2.ip6.arpa`);
  });

  it("returns null when the address has no PTR record", async () => {
    dns = await startFakeReverseDns({ table: {} });
    expect(await reverseLookup("81.2.69.143", 2000, { servers: [dns.server] })).toBeNull();
    expect(dns.queries).toHaveLength(1);
  });

  it("returns null instead of waiting when the server never answers", async () => {
    dns = await startFakeReverseDns({ table: { "81.2.69.142": "host.example.net" }, silent: true });
    expect(await reverseLookup("81.2.69.142", 200, { servers: [dns.server] })).toBeNull();
    expect(dns.queries.length).toBeGreaterThan(0);
  });

  it("drops a PTR answer that is not a plain host name", async () => {
    dns = await startFakeReverseDns({ table: { "81.2.69.144": "<img src=x onerror=alert(1)>.example.net" } });
    expect(await reverseLookup("81.2.69.144", 2000, { servers: [dns.server] })).toBeNull();
  });

  it("returns null without asking for something that is not an IP", async () => {
    dns = await startFakeReverseDns({ table: {} });
    expect(await reverseLookup("unknown", 2000, { servers: [dns.server] })).toBeNull();
    expect(dns.queries).toEqual([]);
  });

  it("returns null for an unusable server setting rather than throwing", async () => {
    expect(await reverseLookup("81.2.69.142", 200, { servers: ["not a server"] })).toBeNull();
  });
});
