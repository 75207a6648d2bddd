import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertSafeUrl,
  safeFetch,
  SafeFetchTimeoutError,
  SsrfBlockedError,
  type LookupAll,
} from "./ssrf-guard";
import { classifyIp } from "./ip-classify";
import { createGuardedFetch } from "./guarded-fetch";

const fakeDns: Record<string, string[]> = {
  "rebind.example": ["127.0.0.1"],
  "mixed.example": ["93.184.216.34", "10.0.0.7"],
  "public.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "hooks.example": ["127.0.0.1"],
};
const lookup: LookupAll = async (host) => {
  const found = fakeDns[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

async function reasonFor(url: string, options: Parameters<typeof assertSafeUrl>[1] = { lookup }): Promise<string> {
  try {
    await assertSafeUrl(url, options);
    return "allowed";
  } catch (error) {
    if (error instanceof SsrfBlockedError) return error.reason;
    throw error;
  }
}

describe("assertSafeUrl", () => {
  it.each([
    ["http://127.0.0.1:8080/hook", "loopback"],
    ["http://127.1/hook", "loopback"],
    ["http://[::1]/hook", "loopback"],
    ["http://[::ffff:127.0.0.1]/hook", "loopback"],
    ["http://10.1.2.3/hook", "private"],
    ["http://192.168.1.10/hook", "private"],
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://169.254.10.1/", "link-local"],
    ["http://0.0.0.0/", "unspecified"],
    ["http://rebind.example/hook", "loopback"],
    ["http://mixed.example/hook", "private"],
    ["http://metadata.google.internal/computeMetadata/v1/", "blocked_hostname"],
    ["http://nowhere.example/", "dns_failure"],
    ["ftp://public.example/file", "scheme_not_allowed"],
    ["file:///etc/passwd", "scheme_not_allowed"],
    ["https://user:pass@public.example/hook", "credentials_in_url"],
    ["not a url", "invalid_url"],
    ["https://public.example/hook", "allowed"],
  ])("%s → %s", async (url, expected) => {
    expect(await reasonFor(url)).toBe(expected);
  });

  it("resolves localhost through the system resolver and refuses it", async () => {
    await expect(assertSafeUrl("http://localhost:3000/hook")).rejects.toMatchObject({ reason: "loopback" });
  });

  it("lets loopback through only when allowed, and nothing else", async () => {
    expect(await reasonFor("http://127.0.0.1:8080/hook", { allowLoopback: true, lookup })).toBe("allowed");
    expect(await reasonFor("http://[::1]/hook", { allowLoopback: true, lookup })).toBe("allowed");
    expect(await reasonFor("http://rebind.example/hook", { allowLoopback: true, lookup })).toBe("allowed");
    expect(await reasonFor("http://10.1.2.3/hook", { allowLoopback: true, lookup })).toBe("private");
    expect(await reasonFor("http://169.254.169.254/", { allowLoopback: true, lookup })).toBe("metadata");
  });

  it("names the address in the error", async () => {
    const error = await assertSafeUrl("http://mixed.example/hook", { lookup }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsrfBlockedError);
    expect((error as SsrfBlockedError).address).toBe("10.0.0.7");
    expect((error as SsrfBlockedError).message).toMatch(/private network address \(10\.0\.0\.7\)/);
  });
});

describe("classifyIp", () => {
  it("sees IPv4 addresses hidden inside IPv6 forms", () => {
    expect(classifyIp("::ffff:7f00:1")).toBe("loopback");
    expect(classifyIp("::ffff:a00:1")).toBe("private");
    expect(classifyIp("::ffff:a9fe:a9fe")).toBe("metadata");
    expect(classifyIp("64:ff9b::a00:1")).toBe("private");
    expect(classifyIp("2002:7f00:1::")).toBe("loopback");
    expect(classifyIp("fec0::1")).toBe("private");
    expect(classifyIp("2606:2800:220:1:248:1893:25c8:1946")).toBe("public");
    expect(classifyIp("8.8.8.8")).toBe("public");
  });
});

describe("safeFetch", () => {
  let server: http.Server;
  let base = "";
  const seen: Array<{ path: string; host: string | undefined; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", host: req.headers.host, body: Buffer.concat(chunks).toString() });
        if (req.url === "/ok") res.writeHead(200, { "content-type": "text/plain" }).end("delivered");
        else if (req.url === "/redirect") res.writeHead(302, { location: "/internal" }).end();
        else if (req.url === "/to-private") res.writeHead(307, { location: "http://10.0.0.9/admin" }).end();
        else if (req.url === "/empty") res.writeHead(204).end();
        else if (req.url === "/hang") return; // never answers
        else res.writeHead(404).end("nope");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("refuses loopback before connecting unless allowed", async () => {
    const before = seen.length;
    await expect(safeFetch(`${base}/ok`)).rejects.toMatchObject({ name: "SsrfBlockedError", reason: "loopback" });
    expect(seen.length).toBe(before);
  });

  it("posts the body and returns the response when loopback is allowed", async () => {
    const res = await safeFetch(`${base}/ok`, { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } }, { allowLoopback: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("delivered");
    expect(seen.at(-1)).toMatchObject({ path: "/ok", body: '{"a":1}' });
    const empty = await safeFetch(`${base}/empty`, {}, { allowLoopback: true });
    expect(empty.status).toBe(204);
  });

  it("follows a redirect only after checking its target, and never to an unchecked host", async () => {
    const guarded = createGuardedFetch({ allowLoopback: true });
    const followed = await guarded(`${base}/redirect`);
    expect(followed.status).toBe(404);
    expect(seen.at(-1)?.path).toBe("/internal");
    const before = seen.length;
    const error = await guarded(`${base}/to-private`).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SsrfBlockedError", reason: "private" });
    expect(seen.length).toBe(before + 1);
  });

  it("checks the address at call time: a host whose DNS answer turned private is refused before connecting", async () => {
    let answer = "127.0.0.1";
    const changing: LookupAll = async () => [{ address: answer, family: 4 }];
    const port = (server.address() as AddressInfo).port;
    const guarded = createGuardedFetch({ allowLoopback: true, lookup: changing });
    expect((await guarded(`http://crm.example:${port}/ok`)).status).toBe(200);
    answer = "10.0.0.8";
    const before = seen.length;
    await expect(guarded(`http://crm.example:${port}/ok`)).rejects.toMatchObject({ reason: "private", address: "10.0.0.8" });
    expect(seen.length).toBe(before);
  });

  it("treats a redirect as a failure and never follows it", async () => {
    const internalBefore = seen.filter((s) => s.path === "/internal").length;
    const error = await safeFetch(`${base}/redirect`, {}, { allowLoopback: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SsrfBlockedError", reason: "redirect" });
    expect((error as Error).message).toMatch(/302 to \/internal/);
    expect(seen.filter((s) => s.path === "/internal")).toHaveLength(internalBefore);
  });

  it("times out on an endpoint that never answers", async () => {
    await expect(safeFetch(`${base}/hang`, {}, { allowLoopback: true, timeoutMs: 200 })).rejects.toBeInstanceOf(
      SafeFetchTimeoutError,
    );
  });

  it("connects to the checked address while keeping the host name", async () => {
    const port = (server.address() as AddressInfo).port;
    const res = await safeFetch(`http://hooks.example:${port}/ok`, {}, { allowLoopback: true, lookup });
    expect(res.status).toBe(200);
    expect(seen.at(-1)?.host).toBe(`hooks.example:${port}`);
  });
});
