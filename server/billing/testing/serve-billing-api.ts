/**
 * The billing API's real route handlers served in this process over real
 * HTTP (node:http on 127.0.0.1), for tests and benchmarks that drive it with
 * an HTTP client such as Lago's official one. Routes are matched like the
 * App Router would: a missing method answers 405. Never imported by product code.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

// Handlers take their own params type; the router passes what the pattern captured.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "DELETE", Handler>>;

const ROUTES: Array<[string, () => Promise<RouteModule>]> = [
  ["/api/billing/v1/customers", () => import("@/app/api/billing/v1/customers/route")],
  ["/api/billing/v1/customers/:externalId", () => import("@/app/api/billing/v1/customers/[externalId]/route")],
  ["/api/billing/v1/customers/:externalId/checkout_url", () => import("@/app/api/billing/v1/customers/[externalId]/checkout_url/route")],
  ["/api/billing/v1/customers/:externalId/current_usage", () => import("@/app/api/billing/v1/customers/[externalId]/current_usage/route")],
  ["/api/billing/v1/events", () => import("@/app/api/billing/v1/events/route")],
  ["/api/billing/v1/events/batch", () => import("@/app/api/billing/v1/events/batch/route")],
  ["/api/billing/v1/usage", () => import("@/app/api/billing/v1/usage/route")],
  ["/api/billing/v1/subscriptions", () => import("@/app/api/billing/v1/subscriptions/route")],
  ["/api/billing/v1/subscriptions/:externalId", () => import("@/app/api/billing/v1/subscriptions/[externalId]/route")],
  ["/api/billing/v1/invoices", () => import("@/app/api/billing/v1/invoices/route")],
  ["/api/billing/v1/invoices/:id", () => import("@/app/api/billing/v1/invoices/[id]/route")],
  ["/api/billing/v1/invoices/:id/download", () => import("@/app/api/billing/v1/invoices/[id]/download/route")],
  ["/api/billing/v1/invoices/:id/void", () => import("@/app/api/billing/v1/invoices/[id]/void/route")],
  ["/api/billing/v1/invoices/:id/retry_payment", () => import("@/app/api/billing/v1/invoices/[id]/retry_payment/route")],
  ["/api/billing/v1/credit_notes", () => import("@/app/api/billing/v1/credit_notes/route")],
  ["/api/billing/v1/credit_notes/:id", () => import("@/app/api/billing/v1/credit_notes/[id]/route")],
  ["/api/billing/v1/plans", () => import("@/app/api/billing/v1/plans/route")],
  ["/api/billing/v1/plans/:code", () => import("@/app/api/billing/v1/plans/[code]/route")],
  ["/api/billing/v1/billable_metrics", () => import("@/app/api/billing/v1/billable_metrics/route")],
  ["/api/billing/v1/billable_metrics/:code", () => import("@/app/api/billing/v1/billable_metrics/[code]/route")],
  ["/api/billing/v1/catalog", () => import("@/app/api/billing/v1/catalog/route")],
  ["/api/billing/documents/:kind/:id", () => import("@/app/api/billing/documents/[kind]/[id]/route")],
];

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = pathname.replace(/\/+$/, "").split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(":")) params[want[i]!.slice(1)] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, origin: string) {
  const url = new URL(req.url ?? "/", origin);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let response: Response = new Response(JSON.stringify({ status: 404, error: "Not Found", code: "not_found" }), { status: 404 });
  for (const [pattern, load] of ROUTES) {
    const params = match(pattern, url.pathname);
    if (!params) continue;
    const handler = (await load())[req.method as keyof RouteModule];
    if (!handler) {
      response = new Response(JSON.stringify({ status: 405, error: "Method Not Allowed" }), { status: 405 });
      break;
    }
    const body = chunks.length > 0 && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    response = await handler(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve(params) });
    break;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Starts the server; `baseUrl` is what a Lago client takes (…/api/billing/v1). */
export async function serveBillingApi(): Promise<{ origin: string; baseUrl: string; close: () => Promise<void> }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on("request", (req, res) => {
    handle(req, res, origin).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(error instanceof Error ? error.message : String(error));
    });
  });
  return {
    origin,
    baseUrl: `${origin}/api/billing/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
