import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installSocketPeerStamp, peerHeaderForTests } from "@/server/net/socket-peer";
import { parseTrustProxy } from "@/server/audit/client-ip";
import { requestContextFromHeaders } from "./request-context";

const NO_PROXY = parseTrustProxy(undefined);

describe("requestContextFromHeaders", () => {
  const UA = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0";

  it("without TRUST_PROXY records the socket address, whatever X-Forwarded-For says", () => {
    const headers = new Headers({ ...peerHeaderForTests("203.0.113.5"), "x-forwarded-for": "1.1.1.1", "user-agent": UA });
    expect(requestContextFromHeaders(headers, NO_PROXY)).toEqual({ ip: "203.0.113.5", userAgent: UA });
  });

  it("with TRUST_PROXY=1 takes the entry the proxy appended", () => {
    const headers = new Headers({ ...peerHeaderForTests("10.0.0.2"), "x-forwarded-for": "1.1.1.1, 198.51.100.20" });
    expect(requestContextFromHeaders(headers, parseTrustProxy("1")).ip).toBe("198.51.100.20");
  });

  it("does not believe a peer header this process did not stamp", () => {
    const headers = new Headers({ "x-switchboard-peer": "guessed-secret 6.6.6.6", "x-forwarded-for": "6.6.6.6" });
    expect(requestContextFromHeaders(headers, NO_PROXY).ip).toBe("unknown");
  });

  it('is "unknown" with no address at all, and caps the user agent', () => {
    const context = requestContextFromHeaders({ "User-Agent": "x".repeat(600) }, NO_PROXY);
    expect(context.ip).toBe("unknown");
    expect(context.userAgent).toHaveLength(512);
  });
});

describe("the socket stamp on a real HTTP server", () => {
  let server: http.Server;
  let url = "";
  beforeAll(async () => {
    installSocketPeerStamp();
    server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      res.end(requestContextFromHeaders(headers, NO_PROXY).ip);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("a client that forges X-Forwarded-For and the peer header is still recorded at its socket address", async () => {
    const res = await fetch(url, { headers: { "x-forwarded-for": "8.8.8.8", "x-switchboard-peer": "x 8.8.4.4" } });
    expect(await res.text()).toBe("127.0.0.1");
  });
});
