/**
 * The security headers of every response (set in proxy.ts). Scripts run only
 * with the per-request nonce Next.js puts on its own tags ('strict-dynamic'
 * lets those load their chunks); styles may be inline because Radix and
 * recharts position elements with style attributes. No page may be framed,
 * except the one PDF page a remote signer reads, which only our own signing
 * page may embed (`sameOriginEmbedding`).
 */
export interface SecurityHeaderOptions {
  nonce: string;
  /** next dev: React's dev build needs eval, and hot reload a websocket. */
  dev: boolean;
  /** The app is served over https (APP_URL): HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** The signing page embeds its own same-origin PDF, and that PDF may be embedded by our pages only. */
  sameOriginEmbedding?: boolean;
}

/** Paths whose responses take part in same-origin embedding: /sign/<token> and its /page-pdf. */
export function usesSameOriginEmbedding(pathname: string): boolean {
  return /^\/sign\/[^/]+(\/page-pdf)?\/?$/.test(pathname);
}

export function contentSecurityPolicy({ nonce, dev, https, sameOriginEmbedding = false }: SecurityHeaderOptions): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", ...(dev ? ["ws:", "wss:"] : [])],
    ["object-src", sameOriginEmbedding ? "'self'" : "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", sameOriginEmbedding ? "'self'" : "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as Array<[string]>) : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": options.sameOriginEmbedding ? "SAMEORIGIN" : "DENY",
    "X-Content-Type-Options": "nosniff",
    // Links with tokens (/t/…, /approve/…) must never travel to another site in a Referer.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
