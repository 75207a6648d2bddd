import { NextResponse, type NextRequest } from "next/server";
import { appEnv } from "@/server/config-readers";
import { followLinkPageGate } from "@/server/helpdesk/links/follow-link-gate";
import { isDecodablePath, undecodablePathResponse } from "@/server/http/decodable-path";
import { securityHeaders, usesSameOriginEmbedding } from "@/server/security/security-headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED = /^\/(dashboard|outbox|settings|tickets|approvals|customers|integrations|billing|audit|users|organisations|my-tickets|applications)(\/|$)/;

/**
 * Runs before every page and route: sets the security headers (a fresh
 * script nonce per request, which Next.js reads from the request's
 * Content-Security-Policy and puts on its scripts), refuses paths that are not
 * UTF-8 and rate-limited follow links before any page renders, and, as a cheap
 * first gate, sends visitors without a session cookie from pages that need one
 * to sign-in (layouts then check the session and role for real).
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const nonce = btoa(crypto.randomUUID());
  const headers = securityHeaders({
    nonce,
    dev: appEnv.nodeEnv() === "development",
    https: appEnv.appUrl().startsWith("https://"),
    sameOriginEmbedding: usesSameOriginEmbedding(request.nextUrl.pathname),
  });
  const response = (await earlyAnswer(request)) ?? nextWithPolicy(request, headers["Content-Security-Policy"] as string);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

async function earlyAnswer(request: NextRequest): Promise<Response | null> {
  const { pathname, search } = request.nextUrl;
  if (!isDecodablePath(pathname)) return undecodablePathResponse();
  const limited = await followLinkPageGate(request.method, pathname, request.headers);
  if (limited) return limited;
  if (!PROTECTED.test(pathname)) return null;
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return null;
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

function nextWithPolicy(request: NextRequest, policy: string): NextResponse {
  const forwarded = new Headers(request.headers);
  forwarded.set("Content-Security-Policy", policy);
  return NextResponse.next({ request: { headers: forwarded } });
}

// Every route but Next's own immutable assets: API routes and paths with dots need the UTF-8 check and the headers too.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
