import net from "node:net";

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

export interface ClientIpOptions {
  /**
   * True only when a reverse proxy we control sits in front of the app and
   * overwrites X-Forwarded-For / X-Real-IP. Otherwise any client could put
   * any address there, so those headers are ignored.
   */
  trustProxy: boolean;
  /** The TCP peer address of the request, when the caller knows it. */
  remoteAddress?: string | null;
}

function readHeader(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const record = headers as Record<string, string | string[] | undefined | null>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (value == null) return null;
  return Array.isArray(value) ? value.join(",") : value;
}

function mappedV4(ip: string): string | null {
  const dotted = ip.match(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i);
  if (dotted?.[1]) return dotted[1];
  // Some stacks print the mapped address in hex: ::ffff:7f00:1 is 127.0.0.1.
  const hex = ip.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i);
  if (hex?.[1] && hex[2]) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  return null;
}

/**
 * Turns one address as found in a header or socket into a canonical literal:
 * drops quotes, brackets, ports and IPv6 zone ids, unwraps IPv4-mapped IPv6
 * and lower-cases IPv6. Returns null when what remains is not an IP address.
 */
export function normalizeIp(candidate: string | null | undefined): string | null {
  let value = (candidate ?? "").trim().replace(/^"|"$/g, "");
  if (!value) return null;

  const bracketed = value.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));

  value = value.split("%")[0] ?? "";
  const family = net.isIP(value);
  if (family === 4) return value;
  if (family === 6) {
    const lower = value.toLowerCase();
    return mappedV4(lower) ?? lower;
  }
  return null;
}

function firstValid(list: string | null): string | null {
  if (!list) return null;
  for (const part of list.split(",")) {
    const ip = normalizeIp(part);
    if (ip) return ip;
  }
  return null;
}

/**
 * The client address to record for a request. With `trustProxy`, the first
 * valid address in X-Forwarded-For, then X-Real-IP, then the socket address;
 * without it the forwarding headers are never read, because a client can
 * forge them. Returns {@link UNKNOWN_CLIENT_IP} when nothing valid is known.
 */
export function clientIpFromHeaders(headers: HeaderSource | null | undefined, options: ClientIpOptions): string {
  if (options.trustProxy && headers) {
    const forwarded = firstValid(readHeader(headers, "x-forwarded-for")) ?? firstValid(readHeader(headers, "x-real-ip"));
    if (forwarded) return forwarded;
  }
  return normalizeIp(options.remoteAddress) ?? UNKNOWN_CLIENT_IP;
}

/**
 * The last valid address in X-Forwarded-For: the peer of the nearest hop that
 * wrote the header. Next.js's own server (`next start`) fills the header with
 * the socket's address when a request arrives without one, and App Router
 * handlers get no other view of the socket, so with nothing in front of the
 * app this is the TCP peer; a proxy that appends puts its own peer last.
 * A client talking to the app directly can still send the header itself; only
 * a proxy that overwrites or appends closes that gap.
 */
export function lastForwardedAddress(headers: HeaderSource | null | undefined): string | null {
  if (!headers) return null;
  const list = readHeader(headers, "x-forwarded-for");
  if (!list) return null;
  const parts = list.split(",");
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const ip = normalizeIp(parts[i]);
    if (ip) return ip;
  }
  return null;
}
