/**
 * The per-address rate limit of follow-up links, on the PostgreSQL buckets
 * every instance shares (server/security/rate-limit.ts). For the page
 * GET /t/<token> it is applied in the proxy (Node.js runtime in Next 16): a
 * page component cannot choose its status code, and a limited visitor (or a
 * token-guessing script) must get a real 429 with Retry-After, not a 200.
 */
import { requestContextFromHeaders } from "@/server/auth/request-context";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { sharedRateLimit, type RateLimitDecision } from "@/server/security/rate-limit";

export const followLinkRateLimit = sharedRateLimit("follow-link:ip:", () => ({
  limit: appEnv.helpdesk().linkRateLimitPerMinute,
  windowMs: 60_000,
}));

/**
 * Whether `clientKey` (an IP) may reach a follow-up page, file or reply now; counts the attempt.
 * A database failure lets the request through: the page behind it needs the
 * database anyway and answers for itself, and a limiter must not turn an
 * outage into 500s on every link.
 */
export async function takeFollowLinkRequest(clientKey: string): Promise<RateLimitDecision> {
  try {
    const decision = await followLinkRateLimit.take(db, clientKey);
    if (!decision.allowed) logger.warn("helpdesk.follow_link_rate_limited", { client: clientKey });
    return decision;
  } catch (error) {
    logger.error("helpdesk.follow_link_rate_limit_failed", { err: error });
    return { allowed: true, remaining: 0, retryAfterSec: 0 };
  }
}

const FOLLOW_PAGE = /^\/t\/[^/]+\/?$/;

/** A 429 page when this client has opened too many follow-up links this minute; `null` to carry on. */
export async function followLinkPageGate(method: string, pathname: string, headers: Headers): Promise<Response | null> {
  if ((method !== "GET" && method !== "HEAD") || !FOLLOW_PAGE.test(pathname)) return null;
  const decision = await takeFollowLinkRequest(requestContextFromHeaders(headers).ip);
  if (decision.allowed) return null;
  return new Response(TOO_MANY_PAGE, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(decision.retryAfterSec), "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}

const TOO_MANY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Too many requests · Switchboard support</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#111}header{border-bottom:1px solid #ddd;padding:12px 16px;font-weight:700}main{max-width:640px;margin:0 auto;padding:24px 16px}</style>
</head><body><header>Switchboard support</header><main><h1>Too many requests</h1>
<p>This connection has opened many ticket links in the last minute. Please wait a minute, then reload this page.</p></main></body></html>`;
