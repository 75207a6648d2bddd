/**
 * A small router the fake's route files register on, one file per area
 * (accounting, customers, control; jobs are added by their own file).
 * Test code only.
 */
import type http from "node:http";
import type { FakeAscoraState } from "./fake-ascora-state";

export interface FakeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when there was none). */
  body: unknown;
  headers: http.IncomingHttpHeaders;
  state: FakeAscoraState;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: FakeHandler;
}

export class FakeRouter {
  private routes: Route[] = [];

  /** `path` like "/customers/:id" (matched case-insensitively, as ServiceStack does). */
  on(method: string, path: string, handler: FakeHandler): void {
    const names: string[] = [];
    const source = path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`, "i"), names, handler });
  }

  match(method: string, path: string): { handler: FakeHandler; params: Record<string, string> } | null | "method" {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      return { handler: r.handler, params };
    }
    return pathMatched ? "method" : null;
  }
}

/** A route file: registers its routes on the fake's router. */
export type FakeRouteModule = (router: FakeRouter) => void;

/** ServiceStack's error body shape. */
export function errorBody(errorCode: string, message: string): { ResponseStatus: { ErrorCode: string; Message: string } } {
  return { ResponseStatus: { ErrorCode: errorCode, Message: message } };
}

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
