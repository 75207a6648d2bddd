import { clientIpFromHeaders, readHeader, type HeaderSource, type TrustProxy } from "@/server/audit/client-ip";
import { MAX_USER_AGENT_LENGTH } from "@/server/audit/user-agent";
import { appEnv } from "@/server/config-readers";
import { PEER_HEADER, stampedPeer } from "@/server/net/socket-peer";

/** Who is asking, as far as the HTTP request tells: used by sign-in auditing and rate limits. */
export interface RequestContext {
  /** Canonical IP literal, or "unknown". */
  ip: string;
  userAgent: string;
}

/**
 * The client address and User-Agent of a request. The socket peer comes from
 * the stamp server/net/socket-peer.ts puts on every request (a client cannot
 * forge it); X-Forwarded-For counts only as far as TRUST_PROXY says our
 * proxies wrote it (`trustProxy`, TRUST_PROXY by default). Without a stamp (a request that did not come through the
 * HTTP server) the address is "unknown".
 */
export function requestContextFromHeaders(
  headers: HeaderSource,
  trustProxy: TrustProxy = appEnv.trustProxy(),
): RequestContext {
  const ip = clientIpFromHeaders(headers, { trustProxy, remoteAddress: stampedPeer(readHeader(headers, PEER_HEADER)) });
  return { ip, userAgent: (headerValue(headers, "user-agent") ?? "").slice(0, MAX_USER_AGENT_LENGTH) };
}

function headerValue(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const record = headers as Record<string, string | string[] | undefined | null>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
