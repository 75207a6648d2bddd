/**
 * Exactly one HTTP request to Ascora per call: Basic authentication with the
 * Ascora account (the Accounting API's documented scheme, assumed for the rest),
 * JSON both ways, a timeout per call, and every failure turned into a
 * ConnectorError whose kind tells the engine whether to try again. The
 * address is checked at call time by the guarded fetch (SSRF rules), so a
 * base URL whose DNS later points inside our network is still refused.
 * Retries are the engine's business (queue backoff), not this client's: a
 * write retried here could double a record.
 */
import { ConnectorError } from "../../connector";
import type { RemoteCallEvent } from "../../connector-registry";
import { fetchWithDeadline, parseRetryAfter } from "../connector-http";
import { outboundFetch } from "@/server/net/guarded-fetch";

export interface AscoraHttpOptions {
  /** The Ascora API root as the admin typed it, e.g. https://www.ascora.com.au/acct/api */
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs?: number;
  onCall?: (event: RemoteCallEvent) => void;
  /** Tests: a plain fetch instead of the guarded one. */
  fetch?: typeof fetch;
  now?: () => number;
}

export interface AscoraRequest {
  /** Name for the call log, e.g. "invoicedetails". */
  operation: string;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the base URL, starting with "/". */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

function errorFor(status: number, operation: string, text: string, headers: Headers, nowMs: number): ConnectorError {
  const opts = { operation, httpStatus: status };
  if (status === 401) return new ConnectorError("auth", `Ascora refused the account's user name or password (HTTP 401 on ${operation})`, opts);
  if (status === 403) return new ConnectorError("permission", `The Ascora account may not call ${operation} (HTTP 403)`, opts);
  if (status === 404) return new ConnectorError("not_found", `Ascora has no such record or route for ${operation} (HTTP 404; is the base URL right?)`, opts);
  if (status === 429) {
    return new ConnectorError("rate_limited", `Ascora rate limit hit on ${operation} (HTTP 429)`, {
      ...opts,
      retryAfterMs: parseRetryAfter(headers.get("retry-after"), nowMs),
    });
  }
  if (status >= 500) return new ConnectorError("transient", `Ascora answered HTTP ${status} to ${operation}`, opts);
  // 400/409/422: the data was refused; Ascora (ServiceStack) names the problem in ResponseStatus.Message.
  let detail = "";
  try {
    const parsed = JSON.parse(text) as { ResponseStatus?: { Message?: unknown } } | null;
    if (typeof parsed?.ResponseStatus?.Message === "string") detail = `: ${parsed.ResponseStatus.Message.slice(0, 300)}`;
  } catch {
    // Not JSON: the status alone says enough.
  }
  return new ConnectorError("validation", `Ascora refused ${operation} (HTTP ${status})${detail}`, opts);
}

export class AscoraHttp {
  readonly baseUrl: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private calls = 0;

  constructor(private readonly opts: AscoraHttpOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`, "utf8").toString("base64")}`;
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  callCount(): number {
    return this.calls;
  }

  /** One request; the parsed JSON answer (null for an empty body). */
  async request<T>(req: AscoraRequest): Promise<T> {
    const started = performance.now();
    const now = this.opts.now ?? Date.now;
    this.calls += 1;
    const url = new URL(this.baseUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const doFetch = this.opts.fetch ?? outboundFetch("crm");
    let httpStatus: number | undefined;
    try {
      const { res, text } = await fetchWithDeadline(
        doFetch,
        url.toString(),
        {
          method: req.method ?? "GET",
          headers: {
            Accept: "application/json",
            Authorization: this.authorization,
            ...(req.body === undefined ? {} : { "Content-Type": "application/json" }),
          },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
        },
        { crm: "Ascora", operation: req.operation, timeoutMs: this.timeoutMs },
      );
      httpStatus = res.status;
      if (!res.ok) throw errorFor(res.status, req.operation, text, res.headers, now());
      let parsed: T;
      try {
        parsed = (text.trim() === "" ? null : JSON.parse(text)) as T;
      } catch {
        throw new ConnectorError("transient", `Ascora sent an answer to ${req.operation} that is not JSON`, {
          operation: req.operation,
          httpStatus,
        });
      }
      this.opts.onCall?.({ operation: req.operation, ok: true, attempt: 1, httpStatus, durationMs: performance.now() - started });
      return parsed;
    } catch (error) {
      const ce = error instanceof ConnectorError ? error : new ConnectorError("transient", String(error), { operation: req.operation });
      this.opts.onCall?.({ operation: req.operation, ok: false, attempt: 1, httpStatus, durationMs: performance.now() - started, error: ce });
      throw ce;
    }
  }
}
