import net from "node:net";
import { z } from "zod";
import type { GeoLookupResult, RateLimitInfo } from "./geo-types";
import { outboundFetch } from "@/server/net/guarded-fetch";
import { SsrfBlockedError } from "@/server/net/ssrf-guard";

/**
 * ip-api.com's free JSON endpoint. `{ip}` is replaced by the address. Plain
 * HTTP because the free tier offers no TLS; only the IP itself is sent.
 */
export const DEFAULT_GEO_ENDPOINT =
  "http://ip-api.com/json/{ip}?fields=status,message,country,countryCode,regionName,city,lat,lon,isp,org,as,query";
export const DEFAULT_GEO_TIMEOUT_MS = 3000;
const USER_AGENT = "Switchboard-LoginAudit/1.0";
// When a 429 carries no usable X-Ttl, wait out ip-api's one-minute window.
const FALLBACK_RETRY_AFTER_SEC = 60;
const MAX_TEXT = 255;

export interface LookupGeoOptions {
  /** URL template containing `{ip}`; defaults to {@link DEFAULT_GEO_ENDPOINT}. */
  endpoint?: string;
  /** Hard limit for the whole exchange, body included. Default 3000 ms. */
  timeoutMs?: number;
  /** Injected for tests or instrumentation; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

const text = z
  .string()
  .nullish()
  .transform((v) => (v && v.trim() ? v.trim().slice(0, MAX_TEXT) : null));
const coordinate = z
  .number()
  .nullish()
  .transform((v) => (typeof v === "number" && Number.isFinite(v) ? v : null));

// ip-api answers HTTP 200 for both outcomes and tells them apart with `status`.
const ipApiAnswer = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("success"),
    country: text,
    countryCode: text.transform((v) => (v && /^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : null)),
    regionName: text,
    city: text,
    lat: coordinate,
    lon: coordinate,
    isp: text,
    org: text,
    as: text,
  }),
  z.object({ status: z.literal("fail"), message: text }),
]);

function headerInt(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return null;
  return Number.parseInt(raw, 10);
}

function rateLimitOf(headers: Headers): RateLimitInfo {
  return { remaining: headerInt(headers, "x-rl"), ttlSec: headerInt(headers, "x-ttl") };
}

function failed(reason: string, limits: RateLimitInfo = { remaining: null, ttlSec: null }, providerMessage: string | null = null): GeoLookupResult {
  return { kind: "failed", reason, providerMessage, ...limits };
}

function isTimeout(error: unknown, timedOut: boolean): boolean {
  return timedOut || (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));
}

/**
 * Asks an ip-api-compatible HTTP endpoint where `ip` is. Never throws: a
 * timeout, network error, HTTP error, malformed body or `status: "fail"`
 * becomes `{kind: "failed"}`; HTTP 429 (or any refusal with X-Rl: 0) becomes
 * `{kind: "rate_limited"}`. Successful and failed answers carry the X-Rl /
 * X-Ttl values so a batch can stop before the provider starts refusing.
 */
export async function lookupGeo(ip: string, options: LookupGeoOptions = {}): Promise<GeoLookupResult> {
  // Only a validated literal is put into the URL, so nothing else can be smuggled into the request.
  if (net.isIP(ip) === 0) return failed("invalid query");
  const template = options.endpoint ?? DEFAULT_GEO_ENDPOINT;
  if (!template.includes("{ip}")) return failed("endpoint has no {ip} placeholder");
  let url: URL;
  try {
    url = new URL(template.replace("{ip}", ip));
  } catch {
    return failed("invalid endpoint URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return failed("invalid endpoint URL");

  const fetchImpl = options.fetchImpl ?? outboundFetch("geo");
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_GEO_TIMEOUT_MS);

  try {
    const response = await fetchImpl(url, {
      headers: { accept: "application/json", "user-agent": USER_AGENT },
      signal: controller.signal,
    });
    const limits = rateLimitOf(response.headers);
    if (response.status === 429 || (!response.ok && limits.remaining === 0)) {
      await response.body?.cancel().catch(() => undefined);
      const retryAfter = limits.ttlSec ?? headerInt(response.headers, "retry-after") ?? FALLBACK_RETRY_AFTER_SEC;
      return { kind: "rate_limited", retryAfterSec: retryAfter };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return failed(`http ${response.status}`, limits);
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      return failed(isTimeout(error, timedOut) ? "timeout" : "invalid response", limits);
    }
    const parsed = ipApiAnswer.safeParse(body);
    if (!parsed.success) return failed("invalid response", limits);
    const answer = parsed.data;
    if (answer.status === "fail") {
      const message = answer.message ?? "lookup failed";
      return failed(message, limits, answer.message);
    }
    return {
      kind: "ok",
      country: answer.country,
      countryCode: answer.countryCode,
      region: answer.regionName,
      city: answer.city,
      lat: answer.lat,
      lon: answer.lon,
      isp: answer.isp,
      org: answer.org,
      asn: answer.as,
      ...limits,
    };
  } catch (error) {
    if (error instanceof SsrfBlockedError) return failed(`refused: ${error.message}`);
    return failed(isTimeout(error, timedOut) ? "timeout" : "network error");
  } finally {
    clearTimeout(timer);
  }
}
