import { appEnv } from "@/server/config-readers";
import { safeFetch, type SafeFetchOptions } from "./ssrf-guard";

/**
 * A `fetch` for every call Switchboard makes to another server (CRM,
 * geolocation, AI, billing webhooks): the host is resolved and each address
 * checked at call time, the connection goes to the checked address, and
 * redirects are followed only to hosts that pass the same check.
 * Callers keep their own timeouts through `init.signal`.
 */
export function createGuardedFetch(options: SafeFetchOptions = {}): typeof fetch {
  const guarded = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request = input instanceof Request ? input : null;
    const url = request ? request.url : String(input);
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? request?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = init.body ?? (request && request.body ? await request.arrayBuffer() : undefined);
    return safeFetch(
      url,
      { method: init.method ?? request?.method ?? "GET", headers, body: await bodyBytes(body), signal: init.signal ?? request?.signal ?? undefined },
      { timeoutMs: 120_000, maxRedirects: 5, ...options },
    );
  };
  return guarded as typeof fetch;
}

async function bodyBytes(body: BodyInit | ArrayBuffer | null | undefined): Promise<string | Uint8Array | undefined> {
  if (body == null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  // URLSearchParams, Blob, FormData…: let the platform serialise them as fetch would.
  return new Uint8Array(await new Response(body).arrayBuffer());
}

const truthy = (value: string | undefined) => value === "true" || value === "1";

/**
 * Whether a kind of call may reach loopback (local fakes, a model server on
 * the same host); private, link-local and metadata addresses never pass.
 * CRM: CRM_ALLOW_LOOPBACK (default: outside production); billing webhooks:
 * WEBHOOK_ALLOW_LOOPBACK; geolocation and AI: OUTBOUND_ALLOW_LOOPBACK.
 */
export function allowsLoopback(purpose: OutboundPurpose, env: NodeJS.ProcessEnv): boolean {
  if (purpose === "crm") return env.CRM_ALLOW_LOOPBACK ? truthy(env.CRM_ALLOW_LOOPBACK) : env.NODE_ENV !== "production";
  if (purpose === "webhook") return truthy(env.WEBHOOK_ALLOW_LOOPBACK);
  return truthy(env.OUTBOUND_ALLOW_LOOPBACK);
}

export type OutboundPurpose = "crm" | "geo" | "ai" | "webhook";

/** The guarded fetch for one kind of outbound call, with that kind's loopback rule. */
export function outboundFetch(purpose: OutboundPurpose): typeof fetch {
  return createGuardedFetch({ allowLoopback: appEnv.allowsLoopback(purpose) });
}
