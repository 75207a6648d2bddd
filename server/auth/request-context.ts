/** Who is asking, as far as the HTTP request tells: used by sign-in auditing and rate limits. */
export interface RequestContext {
  ip: string;
  userAgent: string;
}

/**
 * The client address: X-Forwarded-For only when TRUST_PROXY says a proxy we
 * run sets it (otherwise anyone could claim any address).
 */
export function requestContextFromHeaders(headers: Headers | Record<string, string | string[] | undefined>): RequestContext {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name] ?? headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
  const trustProxy = process.env.TRUST_PROXY === "true" || process.env.TRUST_PROXY === "1";
  const forwarded = trustProxy ? (get("x-forwarded-for")?.split(",")[0]?.trim() ?? get("x-real-ip")) : undefined;
  return { ip: forwarded || "unknown", userAgent: (get("user-agent") ?? "").slice(0, 512) };
}
