import "./install-async-storage";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { peerHeaderForTests } from "@/server/net/socket-peer";
import { settleBackgroundWork } from "@/server/auth/background-work";

// next-auth's App Router handler reads cookies() and headers() from
// next/headers, which only work inside the request scope Next.js opens for a
// route. These are Next's own scope builders, loaded through Node's require so
// they are the module instances next-auth's require("next/headers") sees.
const nodeRequire = createRequire(import.meta.url);
const { workAsyncStorage } = nodeRequire("next/dist/server/app-render/work-async-storage.external.js");
const { workUnitAsyncStorage } = nodeRequire("next/dist/server/app-render/work-unit-async-storage.external.js");
const { createRequestStoreForAPI } = nodeRequire("next/dist/server/async-storage/request-store.js");
const { createWorkStore } = nodeRequire("next/dist/server/async-storage/work-store.js");

/** The origin the test requests use; NEXTAUTH_URL must match it. */
export const AUTH_TEST_ORIGIN = "http://localhost:3000";

/** Who the request comes from, as Next.js would present it to the route. */
export interface TestClient {
  /** The socket address the request comes from (the stamp the HTTP server puts on it). */
  ip?: string;
  userAgent?: string;
}

/** Runs one request through app/api/auth/[...nextauth]/route.ts inside a Next.js request scope. */
export async function callAuthRoute(
  method: "GET" | "POST",
  path: string,
  init: { headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<Response> {
  const url = new URL(path, AUTH_TEST_ORIGIN);
  const headers = new Headers(init.headers);
  let body: string | undefined;
  if (init.form) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(init.form).toString();
  }
  const req = new NextRequest(url, { method, headers, body });
  const nextauth = url.pathname.replace(/^\/api\/auth\//, "").split("/").filter(Boolean);
  const workStore = createWorkStore({
    page: "/api/auth/[...nextauth]/route",
    renderOpts: { experimental: {}, cacheLifeProfiles: {} },
    buildId: "test",
    deploymentId: undefined,
    previouslyRevalidatedTags: [],
  });
  const requestStore = createRequestStoreForAPI(req, req.nextUrl, { tags: [], expirationsByCacheKind: new Map() }, undefined, undefined, undefined);
  const handler = method === "GET" ? GET : POST;
  return workAsyncStorage.run(workStore, () =>
    workUnitAsyncStorage.run(requestStore, () => handler(req, { params: Promise.resolve({ nextauth }) })),
  ) as Promise<Response>;
}

/** Cookies a response sets, as name → value. */
export function setCookies(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq).trim(), decodeURIComponent(pair.slice(eq + 1).trim()));
  }
  return out;
}

function clientHeaders(client: TestClient, cookies?: Map<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (client.ip) Object.assign(headers, peerHeaderForTests(client.ip));
  if (client.userAgent) headers["user-agent"] = client.userAgent;
  if (cookies?.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  return headers;
}

/** A CSRF token and its cookie from GET /api/auth/csrf, as the sign-in form gets them. */
export async function getCsrf(client: TestClient = {}): Promise<{ csrfToken: string; cookies: Map<string, string> }> {
  const res = await callAuthRoute("GET", "/api/auth/csrf", { headers: clientHeaders(client) });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { csrfToken, cookies: setCookies(res) };
}

export interface SignInResult {
  /** A session cookie was set. */
  ok: boolean;
  /** Where next-auth sends the browser (carries `error=` on failure). */
  url: string;
  status: number;
  cookies: Map<string, string>;
}

/** POST /api/auth/callback/credentials exactly as next-auth/react's signIn("credentials", {redirect:false}) does. */
export async function signInWithPassword(email: string, password: string, client: TestClient = {}): Promise<SignInResult> {
  const csrf = await getCsrf(client);
  const res = await callAuthRoute("POST", "/api/auth/callback/credentials", {
    headers: clientHeaders(client, csrf.cookies),
    form: { email, password, csrfToken: csrf.csrfToken, callbackUrl: `${AUTH_TEST_ORIGIN}/dashboard`, json: "true" },
  });
  const { url } = (await res.json()) as { url: string };
  const cookies = setCookies(res);
  return { ok: Boolean(cookies.get("next-auth.session-token")), url, status: res.status, cookies };
}

/** POST /api/auth/signin/email: asks for a magic link, answered before the request's work is done. */
export async function requestMagicLinkAnswer(email: string, client: TestClient = {}): Promise<Response> {
  const csrf = await getCsrf(client);
  return callAuthRoute("POST", "/api/auth/signin/email", {
    headers: clientHeaders(client, csrf.cookies),
    form: { email, csrfToken: csrf.csrfToken, callbackUrl: `${AUTH_TEST_ORIGIN}/dashboard`, json: "true" },
  });
}

/** Asks for a magic link and waits until the request's background work (audit row, mail in the outbox) is done. */
export async function requestMagicLink(email: string, client: TestClient = {}): Promise<Response> {
  const res = await requestMagicLinkAnswer(email, client);
  await settleBackgroundWork();
  return res;
}

/** GET of a magic link (its path and query), as the browser opens it from the e-mail. */
export async function openMagicLink(link: string, client: TestClient = {}): Promise<SignInResult> {
  const url = new URL(link);
  const res = await callAuthRoute("GET", `${url.pathname}${url.search}`, { headers: clientHeaders(client) });
  const cookies = setCookies(res);
  return { ok: Boolean(cookies.get("next-auth.session-token")), url: res.headers.get("location") ?? "", status: res.status, cookies };
}

/** POST /api/auth/signout with a session cookie. */
export async function signOut(sessionCookies: Map<string, string>, client: TestClient = {}): Promise<Response> {
  const csrf = await getCsrf(client);
  const cookies = new Map([...csrf.cookies, ...sessionCookies]);
  return callAuthRoute("POST", "/api/auth/signout", {
    headers: clientHeaders(client, cookies),
    form: { csrfToken: csrf.csrfToken, callbackUrl: `${AUTH_TEST_ORIGIN}/sign-in`, json: "true" },
  });
}
