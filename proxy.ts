import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED = /^\/(dashboard|outbox|settings|tickets|approvals|customers|integrations|billing|audit|users|my-tickets|applications)(\/|$)/;

/**
 * A cheap first gate: pages that need a session send visitors without a
 * session cookie to sign-in (with a way back). Layouts then check the session
 * and role for real against the database.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!PROTECTED.test(pathname)) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/((?!api|_next|favicon.ico|.*\\.).*)"] };
