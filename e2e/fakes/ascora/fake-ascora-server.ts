/**
 * A local Ascora for tests: the documented Accounting API exactly
 * (accounting-routes.ts) and our assumed customer calls (customer-routes.ts),
 * Basic authentication on every API call (401 with a ServiceStack error body
 * otherwise), faults on demand (401, 429 with Retry-After, 500, and a
 * timeout after the write happened), and a control API under /__control.
 * Route files are modular: another area (jobs) passes its own `routes`.
 * Test code only: product code never imports this.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { registerAccountingRoutes } from "./accounting-routes";
import { controlRoutes } from "./control-routes";
import { registerCustomerRoutes } from "./customer-routes";
import { registerJobRoutes } from "./job-routes";
import { FaultBoard, type FakeAscoraFault } from "./fake-ascora-faults";
import { FakeRouter, errorBody, type FakeResponse, type FakeRouteModule } from "./fake-ascora-router";
import { FakeAscoraState, type FakeAscoraAccount } from "./fake-ascora-state";

export type { FakeAscoraFault } from "./fake-ascora-faults";
export type { FakeRouteModule } from "./fake-ascora-router";

export interface FakeAscoraOptions {
  port?: number;
  /** Default: one account "api@example.test" / "fake-ascora-password". */
  accounts?: FakeAscoraAccount[];
  /** Extra route files (e.g. jobs), registered after the built-in ones. */
  routes?: FakeRouteModule[];
}

export interface FakeAscoraHandle {
  /** The API base URL an admin types (Basic-authenticated routes live below it). */
  url: string;
  state: FakeAscoraState;
  setFault(fault: FakeAscoraFault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export const FAKE_ASCORA_ACCOUNT: FakeAscoraAccount = { username: "api@example.test", password: "fake-ascora-password" };

function authorised(header: string | undefined, accounts: FakeAscoraAccount[]): boolean {
  const m = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const at = decoded.indexOf(":");
  if (at < 0) return false;
  const user = decoded.slice(0, at);
  const pass = decoded.slice(at + 1);
  return accounts.some((a) => a.username === user && a.password === pass);
}

const UNAUTHORISED: FakeResponse = {
  status: 401,
  body: errorBody("Unauthorized", "Invalid UserName or Password"),
  headers: { "WWW-Authenticate": 'Basic realm="/auth/basic"' },
};

export async function startFakeAscora(options: FakeAscoraOptions = {}): Promise<FakeAscoraHandle> {
  const state = new FakeAscoraState(options.accounts ?? [FAKE_ASCORA_ACCOUNT]);
  const faults = new FaultBoard();
  const router = new FakeRouter();
  for (const register of [registerAccountingRoutes, registerCustomerRoutes, registerJobRoutes, controlRoutes(faults), ...(options.routes ?? [])]) register(router);
  const held = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://fake");
        // The API lives under /api (like Ascora's /acct/api); the control API at the root.
        const path = url.pathname.startsWith("/api/") ? url.pathname.slice(4) : url.pathname;
        const control = path.startsWith("/__control");
        const send = (r: FakeResponse, fault?: string) => {
          if (!control) state.calls.push({ seq: state.calls.length + 1, method: req.method ?? "GET", path, status: r.status, fault });
          const body = r.body === undefined ? "" : typeof r.body === "string" ? r.body : JSON.stringify(r.body);
          res.writeHead(r.status, {
            ...(r.body === undefined ? {} : { "Content-Type": typeof r.body === "string" ? "text/html" : "application/json; charset=utf-8" }),
            ...r.headers,
          });
          res.end(body);
        };
        let body: unknown;
        const raw = Buffer.concat(chunks).toString("utf8");
        if (raw.trim()) {
          try {
            body = JSON.parse(raw);
          } catch {
            return send({ status: 400, body: errorBody("SerializationException", "The body is not JSON") });
          }
        }
        let delayMs = 0;
        let faultName: string | undefined;
        if (!control) {
          if (!authorised(req.headers.authorization, state.accounts)) return send(UNAUTHORISED);
          const fault = faults.take(path, req.method ?? "GET");
          faultName = fault?.type;
          if (fault?.type === "unauthorized") return send(UNAUTHORISED, fault.type);
          if (fault?.type === "rate_limit") {
            return send(
              { status: 429, body: errorBody("TooManyRequests", "Too many requests"), headers: { "Retry-After": String(fault.retryAfterSeconds ?? 30) } },
              fault.type,
            );
          }
          if (fault?.type === "http_500") return send({ status: 500, body: "<html><body>Internal Server Error</body></html>" }, fault.type);
          if (fault?.type === "timeout_after_success") delayMs = fault.delayMs ?? 60_000;
        }
        const found = router.match(req.method ?? "GET", path);
        if (found === null) return send({ status: 404, body: errorBody("NotFound", `Handler for Request not found: ${path}`) });
        if (found === "method") return send({ status: 405, body: errorBody("NotSupported", `${req.method} is not supported on ${path}`) });
        const answer = await found.handler({ method: req.method ?? "GET", path, params: found.params, query: url.searchParams, body, headers: req.headers, state });
        if (delayMs > 0) {
          // The write has happened; the answer arrives after the client gave up.
          const t = setTimeout(() => {
            held.delete(t);
            if (!res.destroyed) send(answer, faultName);
          }, delayMs);
          held.add(t);
          return;
        }
        send(answer, faultName);
      })().catch((e: unknown) => {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(e));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    state,
    setFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    close: async () => {
      for (const t of held) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
