import { clientIpFromHeaders, lastForwardedAddress, type HeaderSource } from "@/server/audit/client-ip";
import { MAX_USER_AGENT_LENGTH } from "@/server/audit/user-agent";

/** Who is asking, as far as the HTTP request tells: used by sign-in auditing and rate limits. */
export interface RequestContext {
  /** Canonical IP literal, or "unknown". */
  ip: string;
  userAgent: string;
}

function trustProxyFrom(env: Record<string, string | undefined>): boolean {
  return env.TRUST_PROXY === "true" || env.TRUST_PROXY === "1";
}

/**
 * The client address and User-Agent of a request.
 *
 * "Remote address" here is the last valid entry of X-Forwarded-For, because
 * that is the only trace of the socket an App Router handler gets: Next.js
 * writes the socket's address there when the request carries no such header
 * (see `lastForwardedAddress`). With TRUST_PROXY=true (a proxy we run
 * overwrites X-Forwarded-For / X-Real-IP) the first forwarded address is the
 * client; without it the forwarded headers are not believed beyond that last
 * hop. Limitation: a client reaching `next start` directly can pre-fill the
 * header, so production deployments belong behind a proxy.
 */
export function requestContextFromHeaders(
  headers: HeaderSource,
  env: Record<string, string | undefined> = process.env,
): RequestContext {
  const ip = clientIpFromHeaders(headers, { trustProxy: trustProxyFrom(env), remoteAddress: lastForwardedAddress(headers) });
  return { ip, userAgent: (headerValue(headers, "user-agent") ?? "").slice(0, MAX_USER_AGENT_LENGTH) };
}

function headerValue(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const record = headers as Record<string, string | string[] | undefined | null>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
