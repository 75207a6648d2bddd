import http from "node:http";
import type { AddressInfo } from "node:net";
import { classifyIp } from "../../../server/net/ip-classify";

/** Fields of an ip-api.com success answer (https://ip-api.com/docs/api:json). */
export interface FakeGeoRecord {
  country: string;
  countryCode: string;
  region: string;
  regionName: string;
  city: string;
  zip: string;
  lat: number;
  lon: number;
  timezone: string;
  isp: string;
  org: string;
  as: string;
}

export interface FakeGeoOptions {
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number;
  /** Answers per IP; public IPs not in the table get {@link FAKE_GEO_DEFAULT}. */
  table?: Record<string, Partial<FakeGeoRecord>>;
  /** Requests allowed before the fake starts answering 429; the last allowed one carries X-Rl: 0. */
  rateLimitAfter?: number;
  /** Seconds reported in X-Ttl. Default 60. */
  ttlSec?: number;
}

export interface FakeGeoServer {
  /** Endpoint template with `{ip}`, asking for the fields the product asks for by default. */
  url: string;
  /** Base URL, e.g. http://127.0.0.1:40123 */
  origin: string;
  /** Every IP asked for, in order, including ones answered with 429. */
  requests: string[];
  /** Forces every following request to be answered 429 (true) or lifts the limit and resets the count (false). */
  setRateLimited(limited: boolean): void;
  /** Delays every following answer, to test client timeouts. */
  setDelayMs(ms: number): void;
  close(): Promise<void>;
}

/** What an unlisted public IP resolves to. */
export const FAKE_GEO_DEFAULT: FakeGeoRecord = {
  country: "Testland",
  countryCode: "XT",
  region: "TS",
  regionName: "Test State",
  city: "Testville",
  zip: "00000",
  lat: 10.5,
  lon: -20.25,
  timezone: "UTC",
  isp: "Test ISP",
  org: "Test Org",
  as: "AS64500 Test Network",
};

const FIELDS = "status,message,country,countryCode,regionName,city,lat,lon,isp,org,as,query";
// ip-api's free tier allows 45 requests per minute; an unlimited fake reports that much headroom.
const UNLIMITED_REMAINING = 45;

function pick(body: Record<string, unknown>, fields: string | null): Record<string, unknown> {
  // ip-api also accepts a numeric bit mask; the fake then answers everything.
  if (!fields || /^\d+$/.test(fields)) return body;
  const wanted = new Set(fields.split(",").map((f) => f.trim()));
  return Object.fromEntries(Object.entries(body).filter(([k]) => wanted.has(k)));
}

function answerFor(ip: string, table: Record<string, Partial<FakeGeoRecord>>): Record<string, unknown> {
  const kind = classifyIp(ip);
  if (kind === "invalid") return { status: "fail", message: "invalid query", query: ip };
  // Like the real service: RFC 1918 space is "private range", the other special ranges "reserved range".
  if (kind === "private" && !ip.includes(":")) return { status: "fail", message: "private range", query: ip };
  if (kind !== "public") return { status: "fail", message: "reserved range", query: ip };
  return { status: "success", ...FAKE_GEO_DEFAULT, ...table[ip], query: ip };
}

/**
 * Starts an HTTP server on 127.0.0.1 that speaks ip-api.com's JSON API:
 * `GET /json/{ip}?fields=…`, X-Rl / X-Ttl headers on every answer, and 429
 * once the configured budget is spent or the limit is forced on.
 */
export async function startFakeGeo(options: FakeGeoOptions = {}): Promise<FakeGeoServer> {
  const table = options.table ?? {};
  const ttlSec = options.ttlSec ?? 60;
  const requests: string[] = [];
  let served = 0;
  let forcedLimit = false;
  let delayMs = 0;
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const match = url.pathname.match(/^\/json\/([^/]*)$/);
    if (req.method !== "GET" || !match) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const ip = decodeURIComponent(match[1] ?? "");
    requests.push(ip);

    const budget = options.rateLimitAfter;
    const limited = forcedLimit || (budget !== undefined && served >= budget);
    const respond = () => {
      if (limited) {
        res.writeHead(429, { "content-type": "text/plain", "x-rl": "0", "x-ttl": String(ttlSec) }).end("Too Many Requests");
        return;
      }
      served += 1;
      const remaining = budget === undefined ? UNLIMITED_REMAINING : Math.max(0, budget - served);
      const body = JSON.stringify(pick(answerFor(ip, table), url.searchParams.get("fields")));
      res
        .writeHead(200, {
          "content-type": "application/json; charset=utf-8",
          "x-rl": String(remaining),
          "x-ttl": String(ttlSec),
        })
        .end(body);
    };
    if (delayMs <= 0) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/json/{ip}?fields=${FIELDS}`,
    origin,
    requests,
    setRateLimited(limited: boolean) {
      forcedLimit = limited;
      if (!limited) served = 0;
    },
    setDelayMs(ms: number) {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Delayed answers would otherwise keep close() waiting.
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
