/**
 * Low-level client for Vtiger's web-service API (webservice.php), Vtiger 7/8
 * and Vtiger Cloud:
 * - getchallenge + login with accessKey = md5(token + access key); the
 *   session is reused and renewed once when Vtiger says it expired;
 * - every call has a timeout; failures become typed ConnectorErrors;
 * - only reads (and the login handshake) are retried on transient failures,
 *   with exponential backoff; writes are never retried blindly, because a
 *   write whose answer was lost may have happened;
 * - calls are paced from X-FloodControl-* / X-RateLimit-* headers, and a 429
 *   (nothing was done) waits for Retry-After and tries again;
 * - batch reads: queryAll pages with LIMIT offset,100; retrieveMany uses
 *   MassRetrieve where it exists (hosted Vtiger) and retrieve per id where it
 *   does not (8.4 open source answers an empty HTTP 500, remembered); sync
 *   follows `more`.
 * It knows nothing of Switchboard; VtigerConnector builds on it.
 */
import crypto from "node:crypto";
import { ConnectorError, toConnectorError } from "../../connector";
import { nextAttemptDelay } from "../../engine/backoff";
import { CHANGE_PASSWORD_FIX_SQL, EMPTY_500, RESTRICTED_FILE, SESSION_ERROR_CODES, mapVtigerError } from "./vtiger-errors";
import { fetchWithDeadline, parseRetryAfter } from "../connector-http";
import { RateLimitPacer, type RateLimitSnapshot, type RatePacer } from "./vtiger-rate-limit";
import { VTQL_PAGE_SIZE, stripTerminator, vtqlName, vtqlString } from "./vtql";
import { outboundFetch } from "@/server/net/guarded-fetch";

export type VtigerRecord = { id: string } & Record<string, unknown>;

export interface VtigerSession {
  sessionName: string;
  /** The API user's web-service id, e.g. "19x1" (needed for assigned_user_id). */
  userId: string;
  vtigerVersion?: string;
}

export interface VtigerListTypes {
  types: string[];
  information: Record<string, { isEntity?: boolean; label?: string; singular?: string }>;
}

export interface VtigerDescribeField {
  name: string;
  label: string;
  mandatory: boolean;
  editable: boolean;
  nullable?: boolean;
  default?: string;
  type: { name: string; refersTo?: string[]; picklistValues?: { label: string; value: string }[] };
}

export interface VtigerDescribe {
  name: string;
  label: string;
  createable: boolean;
  updateable: boolean;
  deleteable: boolean;
  retrieveable: boolean;
  idPrefix: string;
  labelFields?: string;
  fields: VtigerDescribeField[];
}

export interface VtigerSyncPage {
  updated: VtigerRecord[];
  deleted: string[];
  /** Epoch seconds; pass it as the next modifiedTime. */
  lastModifiedTime: number;
  more: boolean;
}

export type VtigerSyncType = "application" | "user" | "userandgroup";

/** One HTTP request to Vtiger, for the remote-call log. Never contains parameters (they may hold secrets). */
export interface VtigerCallEvent {
  operation: string;
  method: "GET" | "POST";
  attempt: number;
  ok: boolean;
  httpStatus?: number;
  durationMs: number;
  error?: ConnectorError;
}

export interface VtigerClientStats {
  /** HTTP requests sent, including getchallenge/login and failed ones. */
  calls: number;
  byOperation: Record<string, number>;
  /** Reads repeated after a transient failure. */
  retries: number;
  relogins: number;
  /** Every pause for rate limiting, in ms (header pacing and 429s). */
  rateLimitWaits: number[];
}

export interface VtigerClientOptions {
  /** CRM base URL; a trailing /webservice.php is tolerated. */
  baseUrl: string;
  username: string;
  accessKey: string;
  /** Per call, default 20 s. */
  timeoutMs?: number;
  /** Retries of reads after transient failures/timeouts, default 3. */
  maxReadRetries?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Times a call waits out a 429 before giving up, default 3. */
  maxRateLimitRetries?: number;
  /** Longest pause the client takes itself; longer limits throw rate_limited for the caller to reschedule. Default 60 s. */
  maxRateLimitWaitMs?: number;
  /** Calls to leave unspent in each rate bucket, default 0. */
  rateLimitReserve?: number;
  /** Where the rate-limit state lives; default this client's memory (the engine passes one shared by every instance). */
  pacer?: RatePacer;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  fetch?: typeof fetch;
  /** Called after every HTTP request (the engine's remote-call log). */
  onCall?: (event: VtigerCallEvent) => void;
}

/** Operations that change nothing remotely and may be repeated after a failure. */
const SAFE_OPERATIONS: ReadonlySet<string> = new Set([
  "getchallenge",
  "login",
  "listtypes",
  "describe",
  "query",
  "retrieve",
  "retrieve_related",
  // massretrieve is left out: on 8.4 its empty HTTP 500 means "no such operation", and retrying that only delays the fallback.
  "sync",
]);

export const MASS_RETRIEVE_BATCH = 200;

/** Every answer: {success:true, result} or {success:false, error:{code, message}}. */
interface VtigerEnvelope {
  success?: unknown;
  result?: unknown;
  error?: { code?: string; message?: string };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function md5(text: string): string {
  return crypto.createHash("md5").update(text).digest("hex");
}

/** Parses Vtiger's "YYYY-MM-DD HH:MM:SS" (stored in UTC) into a Date; null when empty or unreadable. */
export function parseVtigerTime(value: unknown): Date | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const d = new Date(`${value.trim().replace(" ", "T")}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Vtiger 8.4 answers a missing or deleted record with ACCESS_DENIED
 * "Permission to perform the operation is denied" (recorded 23, 25, 30, 31),
 * the same words as a real refusal; only the exact text (no "for name/id")
 * tells it apart from a module or field refusal.
 */
export function isMissingRecord(e: ConnectorError): boolean {
  return e.remoteCode === "ACCESS_DENIED" && /: Permission to perform the operation is denied$/.test(e.message);
}

export class VtigerClient {
  readonly endpoint: string;
  readonly stats: VtigerClientStats = { calls: 0, byOperation: {}, retries: 0, relogins: 0, rateLimitWaits: [] };
  private readonly opts: Required<
    Pick<VtigerClientOptions, "timeoutMs" | "maxReadRetries" | "maxRateLimitRetries" | "maxRateLimitWaitMs" | "backoff">
  > &
    VtigerClientOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly pacer: RatePacer;
  private session: VtigerSession | null = null;
  private pendingLogin: Promise<VtigerSession> | null = null;
  private massRetrieveSupported = true;

  constructor(options: VtigerClientOptions) {
    // `?? default` rather than a spread: an option passed as undefined must not erase its default.
    this.opts = {
      ...options,
      timeoutMs: options.timeoutMs ?? 20_000,
      maxReadRetries: options.maxReadRetries ?? 3,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 3,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
      backoff: options.backoff ?? { baseMs: 500, maxMs: 15_000 },
    };
    const base = options.baseUrl.trim().replace(/\/+$/, "").replace(/\/webservice\.php$/i, "");
    this.endpoint = `${base}/webservice.php`;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    this.pacer = options.pacer ?? new RateLimitPacer(options.rateLimitReserve ?? 0);
  }

  /** The CRM base URL (without /webservice.php). */
  get baseUrl(): string {
    return this.endpoint.slice(0, -"/webservice.php".length);
  }

  callCount(): number {
    return this.stats.calls;
  }

  rateLimitState(): RateLimitSnapshot {
    return this.pacer.snapshot();
  }

  // ---- session -------------------------------------------------------------

  /** The current session, logging in when there is none. */
  async getSession(): Promise<VtigerSession> {
    if (this.session) return this.session;
    this.pendingLogin ??= this.handshake().finally(() => {
      this.pendingLogin = null;
    });
    this.session = await this.pendingLogin;
    return this.session;
  }

  /** Drops any session and logs in afresh. */
  async login(): Promise<VtigerSession> {
    this.session = null;
    return this.getSession();
  }

  async logout(): Promise<void> {
    if (!this.session) return;
    try {
      await this.call("logout", {}, "POST");
    } finally {
      this.session = null;
    }
  }

  private async handshake(): Promise<VtigerSession> {
    // A challenge token lives 5 minutes; if it expired on the way, fetch a new one once.
    for (let attempt = 1; ; attempt++) {
      const challenge = await this.call<{ token: string }>("getchallenge", { username: this.opts.username }, "GET", {
        session: false,
      });
      try {
        const r = await this.call<{ sessionName: string; userId: string; vtigerVersion?: string }>(
          "login",
          { username: this.opts.username, accessKey: md5(`${challenge.token}${this.opts.accessKey}`) },
          "POST",
          { session: false },
        );
        return { sessionName: r.sessionName, userId: r.userId, vtigerVersion: r.vtigerVersion };
      } catch (e) {
        if (attempt === 1 && e instanceof ConnectorError && e.remoteCode === "INVALID_AUTH_TOKEN") continue;
        throw e;
      }
    }
  }

  private dropSession(failed: VtigerSession | null): void {
    // Only the session that failed is dropped; a concurrent caller may already have a new one.
    if (failed && this.session === failed) this.session = null;
  }

  // ---- transport -----------------------------------------------------------

  private async pause(ms: number): Promise<void> {
    this.stats.rateLimitWaits.push(ms);
    await this.sleep(ms);
  }

  private async paceBeforeCall(operation: string): Promise<void> {
    const wait = await this.pacer.delayBeforeNextCall(this.now());
    if (wait <= 0) return;
    if (wait > this.opts.maxRateLimitWaitMs) {
      throw new ConnectorError("rate_limited", `Vtiger rate limit used up; it resets in ${Math.ceil(wait / 1000)} s`, {
        retryAfterMs: wait,
        operation,
      });
    }
    await this.pause(wait);
    await this.pacer.markWaited();
  }

  /** One operation with session renewal, rate-limit waits and (for reads) retries. */
  private async call<T>(
    operation: string,
    params: Record<string, string | undefined>,
    method: "GET" | "POST",
    { session = true }: { session?: boolean } = {},
  ): Promise<T> {
    const safe = SAFE_OPERATIONS.has(operation);
    let failures = 0;
    let rateWaits = 0;
    let relogged = false;
    for (let attempt = 1; ; attempt++) {
      const current = session ? await this.getSession() : null;
      await this.paceBeforeCall(operation);
      try {
        const withSession = current ? { ...params, sessionName: current.sessionName } : params;
        return await this.send<T>(operation, withSession, method, attempt);
      } catch (raw) {
        const e = toConnectorError(raw);
        if (current && !relogged && e.remoteCode && SESSION_ERROR_CODES.has(e.remoteCode)) {
          // The operation was refused, not performed: log in again and repeat it once, even a write.
          relogged = true;
          this.stats.relogins += 1;
          this.dropSession(current);
          continue;
        }
        if (e.kind === "rate_limited" && rateWaits < this.opts.maxRateLimitRetries) {
          // A 429 means nothing was done, so waiting and repeating is safe for writes too.
          const wait = e.retryAfterMs ?? nextAttemptDelay(rateWaits + 1, { ...this.opts.backoff, random: this.opts.random });
          if (wait <= this.opts.maxRateLimitWaitMs) {
            rateWaits += 1;
            await this.pause(wait);
            await this.pacer.markWaited();
            continue;
          }
        }
        if (safe && e.retryable && e.kind !== "rate_limited" && failures < this.opts.maxReadRetries) {
          failures += 1;
          this.stats.retries += 1;
          await this.sleep(nextAttemptDelay(failures, { ...this.opts.backoff, random: this.opts.random }));
          continue;
        }
        throw e;
      }
    }
  }

  /** Exactly one HTTP request. */
  private async send<T>(
    operation: string,
    params: Record<string, string | undefined>,
    method: "GET" | "POST",
    attempt: number,
  ): Promise<T> {
    const started = performance.now();
    this.stats.calls += 1;
    this.stats.byOperation[operation] = (this.stats.byOperation[operation] ?? 0) + 1;
    await this.pacer.noteSent();
    const form = new URLSearchParams({ operation });
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
    const doFetch = this.opts.fetch ?? outboundFetch("crm");
    let httpStatus: number | undefined;
    try {
      const { res, text } = await fetchWithDeadline(
        doFetch,
        method === "GET" ? `${this.endpoint}?${form.toString()}` : this.endpoint,
        method === "GET"
          ? { headers: { Accept: "application/json" } }
          : { method: "POST", headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString() },
        { crm: "Vtiger", operation, timeoutMs: this.opts.timeoutMs },
      );
      httpStatus = res.status;
      const nowMs = this.now();
      await this.pacer.observe(res.headers, nowMs);

      let envelope: VtigerEnvelope | null = null;
      try {
        envelope = JSON.parse(text) as VtigerEnvelope | null;
      } catch {
        envelope = null;
      }

      if (res.status === 429) {
        const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), nowMs) ?? ((await this.pacer.delayBeforeNextCall(nowMs)) || undefined);
        throw new ConnectorError("rate_limited", `Vtiger rate limit hit on ${operation} (HTTP 429)`, {
          operation,
          httpStatus: 429,
          retryAfterMs,
          remoteCode: envelope?.error?.code ?? "API_LIMIT_EXCEEDED",
        });
      }
      if (res.status >= 500) {
        const empty = text.trim() === "";
        throw new ConnectorError(
          "transient",
          empty
            ? `Vtiger answered HTTP ${res.status} with an empty body to ${operation} (an operation this Vtiger lacks, or its database is down)`
            : `Vtiger answered HTTP ${res.status} to ${operation}`,
          { operation, httpStatus: res.status, remoteCode: empty ? EMPTY_500 : undefined },
        );
      }
      if (!envelope && /restricted file/i.test(text)) {
        throw new ConnectorError(
          "config",
          `Vtiger's ${operation} is broken on this install: it answered "Sorry! Attempt to access restricted file." (a stock 8.4.0 bug). ` +
            `A Vtiger admin fixes it with: ${CHANGE_PASSWORD_FIX_SQL}`,
          { operation, httpStatus: res.status, remoteCode: RESTRICTED_FILE },
        );
      }
      if (!res.ok && !(envelope && envelope.success === false)) {
        const kind = res.status === 401 ? "auth" : res.status === 403 ? "permission" : res.status === 404 ? "config" : "validation";
        const hint = res.status === 404 ? " (is the CRM base URL right?)" : "";
        throw new ConnectorError(kind, `Vtiger answered HTTP ${res.status} to ${operation}${hint}`, { operation, httpStatus: res.status });
      }
      if (!envelope || typeof envelope.success !== "boolean") {
        throw new ConnectorError("transient", `Vtiger sent an answer to ${operation} that is not its JSON envelope`, {
          operation,
          httpStatus: res.status,
        });
      }
      if (!envelope.success) {
        throw mapVtigerError(envelope.error?.code, envelope.error?.message, operation, res.status);
      }
      this.opts.onCall?.({ operation, method, attempt, ok: true, httpStatus, durationMs: performance.now() - started });
      return envelope.result as T;
    } catch (e) {
      const error = toConnectorError(e);
      this.opts.onCall?.({ operation, method, attempt, ok: false, httpStatus, durationMs: performance.now() - started, error });
      throw error;
    }
  }

  // ---- operations ----------------------------------------------------------

  listTypes(): Promise<VtigerListTypes> {
    return this.call("listtypes", {}, "GET");
  }

  describe(module: string): Promise<VtigerDescribe> {
    return this.call("describe", { elementType: vtqlName(module) }, "GET");
  }

  /** One VTQL query (at most 100 rows come back). */
  query(vtql: string): Promise<VtigerRecord[]> {
    return this.call("query", { query: `${stripTerminator(vtql)};` }, "GET");
  }

  /** Every row of a query without LIMIT, fetched 100 at a time until a short page. */
  async queryAll(vtql: string, opts: { maxRows?: number } = {}): Promise<VtigerRecord[]> {
    const base = stripTerminator(vtql);
    if (/\blimit\s+\d/i.test(base)) {
      throw new ConnectorError("config", "queryAll pages by itself: leave LIMIT out of the query");
    }
    const rows: VtigerRecord[] = [];
    for (let offset = 0; ; offset += VTQL_PAGE_SIZE) {
      const page = await this.query(`${base} LIMIT ${offset}, ${VTQL_PAGE_SIZE}`);
      rows.push(...page);
      if (page.length < VTQL_PAGE_SIZE) return rows;
      if (opts.maxRows !== undefined && rows.length >= opts.maxRows) return rows.slice(0, opts.maxRows);
    }
  }

  retrieve(id: string): Promise<VtigerRecord> {
    return this.call("retrieve", { id }, "GET");
  }

  /**
   * The records under one of a record's related lists, e.g. a service
   * contract's cases: `retrieveRelated("25x29", "HelpDesk", "Service Requests")`.
   * The label is the relation's, not the module's (recorded sc-07/sc-09);
   * 8.4's query_related refuses the same label (sc-10), so it is not offered.
   */
  retrieveRelated(id: string, relatedType: string, relatedLabel: string): Promise<VtigerRecord[]> {
    return this.call("retrieve_related", { id, relatedType: vtqlName(relatedType), relatedLabel }, "GET");
  }

  /**
   * Many records by id: MassRetrieve with up to 200 ids per call where the
   * server has it. Vtiger 8.4 open source does not (an empty HTTP 500, or a
   * JSON UNKNOWN_OPERATION elsewhere): that is remembered and every id is
   * read with `retrieve`. Unknown or deleted ids (ACCESS_DENIED on 8.4) are
   * simply absent from the result.
   */
  async retrieveMany(ids: readonly string[]): Promise<Map<string, VtigerRecord>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, VtigerRecord>();
    let i = 0;
    while (i < unique.length && this.massRetrieveSupported) {
      const batch = unique.slice(i, i + MASS_RETRIEVE_BATCH);
      try {
        const result = await this.call<Record<string, VtigerRecord> | VtigerRecord[]>(
          "massretrieve",
          { ids: batch.join(",") },
          "POST",
        );
        const records = Array.isArray(result) ? result : Object.values(result ?? {});
        for (const r of records) if (r && typeof r.id === "string") out.set(r.id, r);
        i += batch.length;
      } catch (e) {
        const code = e instanceof ConnectorError ? e.remoteCode : undefined;
        if (code !== EMPTY_500 && code !== "UNKNOWN_OPERATION" && code !== "OPERATION_NOT_SUPPORTED") throw e;
        this.massRetrieveSupported = false;
      }
    }
    for (; i < unique.length; i++) {
      const id = unique[i]!;
      try {
        out.set(id, await this.retrieve(id));
      } catch (e) {
        if (e instanceof ConnectorError && (e.kind === "not_found" || isMissingRecord(e))) continue;
        // An empty 500 on retrieve as well is an outage, not a missing MassRetrieve: ask again next time.
        if (e instanceof ConnectorError && e.remoteCode === EMPTY_500) this.massRetrieveSupported = true;
        throw e;
      }
    }
    return out;
  }

  /** Never retried: a create whose answer was lost may have happened. */
  create(module: string, element: Record<string, unknown>): Promise<VtigerRecord> {
    return this.call("create", { elementType: vtqlName(module), element: JSON.stringify(element) }, "POST");
  }

  /** Replaces the whole record: fields left out are emptied. Prefer revise. */
  update(element: VtigerRecord): Promise<VtigerRecord> {
    return this.call("update", { element: JSON.stringify(element) }, "POST");
  }

  /** Changes only the fields sent. */
  revise(element: VtigerRecord): Promise<VtigerRecord> {
    return this.call("revise", { element: JSON.stringify(element) }, "POST");
  }

  delete(id: string): Promise<{ status: string }> {
    return this.call("delete", { id }, "POST");
  }

  /**
   * One page of changes after `modifiedTime` (epoch seconds). 8.4 answers
   * modifiedTime=0 with HTTP 500 (a PHP 8 TypeError, recorded 49), so the
   * first cursor is sent as 1. The default syncType only returns the API
   * user's own records (57): we ask for "application".
   */
  syncPage(module: string, modifiedTime: number, syncType: VtigerSyncType = "application"): Promise<VtigerSyncPage> {
    const from = Math.max(1, Math.floor(modifiedTime));
    return this.call("sync", { modifiedTime: String(from), elementType: vtqlName(module), syncType }, "GET");
  }

  /**
   * The VTQL stand-in for `sync` where sync is broken (stock 8.4.0): records
   * modified after `modifiedTime`, oldest first, at most 100. Deletions are
   * not visible this way.
   */
  modifiedSince(module: string, modifiedTime: number): Promise<VtigerRecord[]> {
    const since = new Date(Math.max(0, Math.floor(modifiedTime)) * 1000).toISOString().replace("T", " ").slice(0, 19);
    return this.query(
      `SELECT * FROM ${vtqlName(module)} WHERE modifiedtime > ${vtqlString(since)} ORDER BY modifiedtime LIMIT ${VTQL_PAGE_SIZE}`,
    );
  }

  /** Every change after `modifiedTime`, following `more`; the last page's time is the next cursor. */
  async sync(
    module: string,
    modifiedTime: number,
    syncType: VtigerSyncType = "application",
  ): Promise<VtigerSyncPage & { pages: number }> {
    const updated = new Map<string, VtigerRecord>();
    const deleted = new Set<string>();
    let cursor = modifiedTime;
    for (let pages = 1; ; pages++) {
      const page = await this.syncPage(module, cursor, syncType);
      for (const r of page.updated) {
        updated.set(r.id, r);
        deleted.delete(r.id);
      }
      for (const id of page.deleted) {
        deleted.add(id);
        updated.delete(id);
      }
      const next = Number(page.lastModifiedTime);
      if (!page.more) {
        const lastModifiedTime = Number.isFinite(next) ? Math.max(cursor, next) : cursor;
        return { updated: [...updated.values()], deleted: [...deleted], lastModifiedTime, more: false, pages };
      }
      if (!(next > cursor)) {
        // Following `more` from the same time again would loop forever.
        throw new ConnectorError("transient", `Vtiger sync of ${module} reported more changes but did not advance past ${cursor}`, {
          operation: "sync",
        });
      }
      cursor = next;
    }
  }

  /** Sets a user's password (the API user must be an admin to skip the old password). */
  changePassword(userId: string, newPassword: string, oldPassword = ""): Promise<{ message: string }> {
    return this.call(
      "changePassword",
      { id: userId, oldPassword, newPassword, confirmPassword: newPassword },
      "POST",
    );
  }
}
