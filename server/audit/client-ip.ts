import ipaddr from "ipaddr.js";
import { canonicalIp, parseIp } from "@/server/net/ip-classify";

/** Stored when no trustworthy address is known (e.g. a sign-in without an HTTP request). */
export const UNKNOWN_CLIENT_IP = "unknown";

/**
 * Request headers as the different callers hold them: a fetch `Headers`
 * (route handlers), or Node's / next-auth's plain object, whose keys may be in
 * any case and whose values may repeat.
 */
export type HeaderSource =
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined | null>;

/**
 * Which proxies in front of the app are believed (TRUST_PROXY):
 * none (clients connect to the app directly: the socket peer is the client),
 * a number of hops (that many proxies append to X-Forwarded-For), or the
 * proxies' addresses and ranges.
 */
export type TrustProxy =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "addresses"; ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> };

export class TrustProxyError extends Error {
  override name = "TrustProxyError";
}

/**
 * Reads TRUST_PROXY. "true" is refused: it does not say how many hops of
 * X-Forwarded-For were written by our proxies rather than by the client.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "false" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new TrustProxyError(`TRUST_PROXY=${text} hops is not plausible; set the number of proxies in front of the app`);
    return { kind: "hops", hops };
  }
  if (text === "true" || text === "yes" || text === "on") {
    throw new TrustProxyError(
      'TRUST_PROXY="true" is ambiguous: set the number of proxies in front of the app (e.g. TRUST_PROXY=1) or their addresses (e.g. TRUST_PROXY=10.0.0.5,10.1.0.0/16); leave it unset when clients connect to the app directly',
    );
  }
  const ranges = text.split(",").map((part) => {
    const item = part.trim();
    try {
      if (item.includes("/")) return ipaddr.parseCIDR(item);
      const addr = parseIp(item);
      if (addr) return [addr, addr.kind() === "ipv4" ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
    } catch {
      // reported below
    }
    throw new TrustProxyError(`TRUST_PROXY: "${item}" is neither a hop count nor an IP address or CIDR range`);
  });
  return { kind: "addresses", ranges };
}

export interface ClientIpOptions {
  trustProxy: TrustProxy;
  /** The TCP peer address of the request, when the caller knows it. */
  remoteAddress?: string | null;
}

export function readHeader(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const record = headers as Record<string, string | string[] | undefined | null>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (value == null) return null;
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * Turns one address as found in a header or socket into a canonical literal:
 * drops quotes, brackets, ports and IPv6 zone ids, unwraps IPv4-mapped IPv6
 * and lower-cases IPv6. Returns null when what remains is not an IP address.
 */
export function normalizeIp(candidate: string | null | undefined): string | null {
  let value = (candidate ?? "").trim().replace(/^"|"$/g, "");
  const bracketed = value.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  return canonicalIp(value);
}

function isTrustedProxy(ip: string, trust: TrustProxy): boolean {
  if (trust.kind !== "addresses") return false;
  const addr = parseIp(ip);
  return Boolean(addr && trust.ranges.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits)));
}

/**
 * The client address of a request: the socket peer, unless TRUST_PROXY says
 * which of the X-Forwarded-For entries our proxies wrote; then the first
 * entry right of those is the client. Entries left of it were written by the
 * client and are never believed. {@link UNKNOWN_CLIENT_IP} without a peer.
 */
export function clientIpFromHeaders(headers: HeaderSource | null | undefined, options: ClientIpOptions): string {
  const peer = normalizeIp(options.remoteAddress);
  if (!peer) return UNKNOWN_CLIENT_IP;
  if (options.trustProxy.kind === "none" || !headers) return peer;
  const forwarded = (readHeader(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map(normalizeIp)
    .filter((ip): ip is string => ip !== null);
  const chain = [...forwarded, peer];
  if (options.trustProxy.kind === "hops") return chain[Math.max(0, chain.length - 1 - options.trustProxy.hops)] ?? peer;
  let i = chain.length - 1;
  while (i > 0 && isTrustedProxy(chain[i] as string, options.trustProxy)) i -= 1;
  return chain[i] ?? peer;
}
