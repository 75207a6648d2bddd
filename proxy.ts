import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders } from "@/server/security/security-headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED = /^\/(dashboard|outbox|settings|tickets|approvals|customers|integrations|billing|audit|users|my-tickets)(\/|$)/;

/**
 * Runs before every page and route: sets the security headers (a fresh
 * script nonce per request, which Next.js reads from the request's
 * Content-Security-Policy and puts on its scripts), and, as a cheap first
 * gate, sends visitors without a session cookie from pages that need one to
 * sign-in (layouts then check the session and role for real).
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: (process.env.APP_URL ?? "").startsWith("https://"),
  });
  const response = needsSignIn(request) ?? nextWithPolicy(request, headers["Content-Security-Policy"] as string);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function nextWithPolicy(request: NextRequest, policy: string): NextResponse {
  const forwarded = new Headers(request.headers);
  forwarded.set("Content-Security-Policy", policy);
  return NextResponse.next({ request: { headers: forwarded } });
}

function needsSignIn(request: NextRequest): NextResponse | null {
  const { pathname, search } = request.nextUrl;
  if (!PROTECTED.test(pathname)) return null;
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return null;
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// Everything but build assets, which Next.js serves immutable and identical for everyone.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
