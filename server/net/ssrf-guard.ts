/**
 * Outbound requests (CRM, geolocation, AI, billing webhooks; see
 * guarded-fetch.ts) must not reach our own network: loopback, private ranges,
 * link-local and cloud metadata addresses are refused (ranges from ipaddr.js,
 * ip-classify.ts). The check resolves every address a host name has at call
 * time, and safeFetch connects to the address that was checked (pinned), so a
 * DNS answer that changes between check and connect cannot slip through; a
 * redirect is followed only when allowed, and its target is checked the same way.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Readable } from "node:stream";
import { classifyIp, type IpClass } from "./ip-classify";

export type SsrfBlockReason =
  | "invalid_url"
  | "scheme_not_allowed"
  | "credentials_in_url"
  | "blocked_hostname"
  | "dns_failure"
  | "redirect"
  | Exclude<IpClass, "public">;

/** The URL may not be fetched; `reason` says why (safe to show to the admin who set it). */
export class SsrfBlockedError extends Error {
  override name = "SsrfBlockedError";
  constructor(
    readonly reason: SsrfBlockReason,
    message: string,
    readonly url: string,
    readonly address?: string,
  ) {
    super(message);
  }
}

/** The request took longer than `timeoutMs` (headers and body together). */
export class SafeFetchTimeoutError extends Error {
  override name = "SafeFetchTimeoutError";
  constructor(readonly url: string, readonly timeoutMs: number) {
    super(`Request to ${url} timed out after ${timeoutMs} ms`);
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves every address of a host (injectable for tests). */
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SsrfOptions {
  /** Lets loopback through (local development and tests only); private, metadata etc. stay refused. */
  allowLoopback?: boolean;
  /** Defaults to dns.promises.lookup(host, { all: true }). */
  lookup?: LookupAll;
}

const defaultLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

// Names that resolve to metadata services inside clouds, refused before any lookup.
const BLOCKED_HOSTNAMES = new Set(["metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal"]);

const REASON_TEXT: Record<Exclude<IpClass, "public">, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  "link-local": "a link-local address",
  metadata: "a cloud metadata address",
  unspecified: "an unspecified address",
  invalid: "an address that could not be read",
};

function checkAddress(address: string, url: string, options: SsrfOptions): void {
  const kind = classifyIp(address);
  if (kind === "public") return;
  if (kind === "loopback" && options.allowLoopback) return;
  throw new SsrfBlockedError(kind, `${url} resolves to ${REASON_TEXT[kind]} (${address}), which is not allowed`, url, address);
}

/**
 * Throws SsrfBlockedError unless `url` is http(s), carries no credentials and
 * every address its host resolves to is public (or loopback when allowed).
 * Returns the parsed URL and the checked addresses.
 */
export async function assertSafeUrl(
  url: string | URL,
  options: SsrfOptions = {},
): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const text = String(url);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new SsrfBlockedError("invalid_url", `"${text}" is not a valid URL`, text);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new SsrfBlockedError("scheme_not_allowed", `Only http and https URLs are allowed, not ${parsed.protocol}`, text);
  }
  if (parsed.username || parsed.password) {
    throw new SsrfBlockedError("credentials_in_url", "URLs may not contain a user name or password", text);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const bareHost = host.replace(/\.$/, "").toLowerCase();
  if (BLOCKED_HOSTNAMES.has(bareHost)) {
    throw new SsrfBlockedError("blocked_hostname", `${bareHost} is a cloud metadata host name`, text);
  }
  let addresses: ResolvedAddress[];
  if (net.isIP(host)) {
    addresses = [{ address: host, family: net.isIP(host) }];
  } else {
    try {
      addresses = await (options.lookup ?? defaultLookup)(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "lookup failed";
      throw new SsrfBlockedError("dns_failure", `Could not resolve ${host} (${code})`, text);
    }
    if (addresses.length === 0) throw new SsrfBlockedError("dns_failure", `${host} has no addresses`, text);
  }
  for (const { address } of addresses) checkAddress(address, text, options);
  return { url: parsed, addresses };
}

export interface SafeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

export interface SafeFetchOptions extends SsrfOptions {
  /** Whole-request limit (connect, headers and body). Default 15 000 ms. */
  timeoutMs?: number;
  /**
   * Redirects followed, each target checked and pinned like the first URL
   * (default 0: a 3xx is an SsrfBlockedError with reason "redirect").
   */
  maxRedirects?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * fetch() for URLs we do not control: every hop is checked by assertSafeUrl
 * and connected to the checked address, so a redirect can never lead to an
 * unchecked host. Resolves to a standard Response.
 */
export async function safeFetch(url: string | URL, init: SafeFetchInit = {}, options: SafeFetchOptions = {}): Promise<Response> {
  let target = String(url);
  let request = init;
  for (let hop = 0; ; hop++) {
    const response = await fetchPinned(target, request, options);
    if (!REDIRECT_STATUSES.has(response.status)) return response;
    const location = response.headers.get("location");
    if (hop >= (options.maxRedirects ?? 0) || !location) {
      throw new SsrfBlockedError("redirect", `Redirects are not followed (${response.status} to ${location ?? "(no location)"})`, target);
    }
    const next = new URL(location, target);
    // Credentials stay with the origin they were meant for; 303 (and 301/302 after a POST) continue as GET.
    const headers = next.origin === new URL(target).origin ? request.headers : withoutCredentials(request.headers);
    const asGet = response.status === 303 || ((response.status === 301 || response.status === 302) && (request.method ?? "GET") !== "GET");
    request = asGet ? { headers, signal: request.signal, method: "GET" } : { ...request, headers };
    target = next.href;
  }
}

function withoutCredentials(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !/^(authorization|cookie)$/i.test(name)));
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * One request: checks the URL (assertSafeUrl), connects only to the checked
 * address, and aborts after `timeoutMs` with SafeFetchTimeoutError. A 3xx is
 * returned as it is, without its body, for safeFetch to judge.
 */
async function fetchPinned(url: string, init: SafeFetchInit, options: SafeFetchOptions): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { url: target, addresses } = await assertSafeUrl(url, options);
  const pinned = addresses[0];
  if (!pinned) throw new SsrfBlockedError("dns_failure", `${target.hostname} has no addresses`, target.href);
  const transport = target.protocol === "https:" ? https : http;
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? Buffer.from(init.body) : init.body;
  const headers: Record<string, string> = { ...init.headers };
  if (body && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) {
    headers["content-length"] = String(body.byteLength);
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new SafeFetchTimeoutError(target.href, timeoutMs)), timeoutMs);
  const onCallerAbort = () => controller.abort(init.signal?.reason);
  if (init.signal?.aborted) onCallerAbort();
  init.signal?.addEventListener("abort", onCallerAbort, { once: true });
  const cleanup = () => {
    clearTimeout(timer);
    init.signal?.removeEventListener("abort", onCallerAbort);
  };

  return new Promise<Response>((resolve, reject) => {
    const fail = (error: unknown) => {
      cleanup();
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      reject(reason instanceof Error ? reason : new Error(String(reason)));
    };
    const request = transport.request(
      target,
      {
        method: init.method ?? "GET",
        headers,
        signal: controller.signal,
        agent: false,
        // Connect to the address we checked, not to a fresh (possibly different) DNS answer.
        lookup: (_hostname, lookupOptions, callback) => {
          if ((lookupOptions as { all?: boolean }).all) {
            (callback as unknown as (err: null, addrs: ResolvedAddress[]) => void)(null, [pinned]);
          } else {
            callback(null, pinned.address, pinned.family);
          }
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (REDIRECT_STATUSES.has(status)) {
          response.resume();
          cleanup();
          const location = response.headers.location;
          resolve(new Response(null, { status, headers: location ? { location } : {} }));
          return;
        }
        response.once("close", cleanup);
        response.once("error", fail);
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (Array.isArray(value)) value.forEach((v) => responseHeaders.append(name, v));
          else if (value !== undefined) responseHeaders.set(name, value);
        }
        const hasBody = !NULL_BODY_STATUSES.has(status) && (init.method ?? "GET").toUpperCase() !== "HEAD";
        if (!hasBody) response.resume();
        try {
          resolve(
            new Response(hasBody ? (Readable.toWeb(response) as ReadableStream<Uint8Array>) : null, {
              status,
              statusText: response.statusMessage,
              headers: responseHeaders,
            }),
          );
        } catch (error) {
          // e.g. a status outside 200–599, which the Response class refuses
          response.destroy();
          fail(error);
        }
      },
    );
    request.once("error", fail);
    request.end(body);
  });
}
