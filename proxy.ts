import { NextResponse, type NextRequest } from "next/server";
import { followLinkPageGate } from "@/server/helpdesk/links/follow-link-gate";
import { isDecodablePath, undecodablePathResponse } from "@/server/http/decodable-path";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED = /^\/(dashboard|outbox|settings|tickets|approvals|customers|integrations|billing|audit|users|my-tickets)(\/|$)/;

/**
 * A cheap first gate: pages that need a session send visitors without a
 * session cookie to sign-in (with a way back). Layouts then check the session
 * and role for real against the database.
 */
export function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  if (!isDecodablePath(pathname)) return undecodablePathResponse();
  const limited = followLinkPageGate(request.method, pathname, request.headers);
  if (limited) return limited;
  if (!PROTECTED.test(pathname)) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// Every route but Next's own assets: API routes and paths with dots need the UTF-8 check too.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
