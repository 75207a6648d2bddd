/**
 * The per-address rate limit of follow-up links. For the page GET /t/<token>
 * it is applied in the proxy (it imports nothing that opens the database):
 * a page component cannot choose its status code, and a limited visitor (or a
 * token-guessing script) must get a real 429 with Retry-After, not a 200.
 */
import { requestContextFromHeaders } from "@/server/auth/request-context";
import { logger } from "@/server/logger";
import { helpdeskConfig } from "../helpdesk-config";
import { FixedWindowRateLimiter } from "./rate-limit";

let limiter: FixedWindowRateLimiter | null = null;

/** Whether `clientKey` (an IP) may reach a follow-up page, file or reply now; counts the attempt. */
export function allowFollowLinkRequest(clientKey: string, now: number = Date.now()): boolean {
  limiter ??= new FixedWindowRateLimiter(helpdeskConfig().linkRateLimitPerMinute, 60_000);
  const ok = limiter.consume(clientKey, now);
  if (!ok) logger.warn("helpdesk.follow_link_rate_limited", { client: clientKey });
  return ok;
}

const FOLLOW_PAGE = /^\/t\/[^/]+\/?$/;

/** A 429 page when this client has opened too many follow-up links this minute; `null` to carry on. */
export function followLinkPageGate(method: string, pathname: string, headers: Headers): Response | null {
  if ((method !== "GET" && method !== "HEAD") || !FOLLOW_PAGE.test(pathname)) return null;
  if (allowFollowLinkRequest(requestContextFromHeaders(headers).ip)) return null;
  return new Response(TOO_MANY_PAGE, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": "60", "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}

const TOO_MANY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Too many requests · Switchboard support</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#111}header{border-bottom:1px solid #ddd;padding:12px 16px;font-weight:700}main{max-width:640px;margin:0 auto;padding:24px 16px}</style>
</head><body><header>Switchboard support</header><main><h1>Too many requests</h1>
<p>This connection has opened many ticket links in the last minute. Please wait a minute, then reload this page.</p></main></body></html>`;
