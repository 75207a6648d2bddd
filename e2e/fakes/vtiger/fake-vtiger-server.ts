/**
 * A local Vtiger 8.4.0 web-service server (webservice.php) for tests that
 * answers like the real one recorded in recorded-8.4/ (the contract suite
 * fake-vtiger-contract.test.ts replays every recording): the
 * getchallenge/login handshake with the md5(token + accessKey) check,
 * sessions, VTQL, retrieve, create, update, revise, delete, describe,
 * listtypes, sync, changePassword; an unknown operation (massretrieve
 * included) is HTTP 500 with an empty body. `stockInstall` switches on the
 * two bugs of a stock install (sync always 500, changePassword an HTML
 * "restricted file" page). Rate-limit headers and 429s only exist when
 * `rateLimit` is given: real 8.4 sends none (an assumed shape for hosted
 * Vtiger). A control API under /__control lets a browser test break and fix
 * it. Test code only: product code never imports this.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { LISTTYPES_RESULT } from "./fake-vtiger-schema";
import { FakeVtigerStore, FakeWsError, parseElement, type FakeUserInput, type SeedRecord, type StoredRecord } from "./fake-vtiger-store";
import { FaultBoard, parseFault, type FakeVtigerFault } from "./fake-vtiger-faults";
import { VtqlSyntaxError, parseVtql } from "./fake-vtql";

export type { FakeVtigerFault } from "./fake-vtiger-faults";
export type { FakeUserInput, SeedRecord, StoredRecord } from "./fake-vtiger-store";

export interface FakeVtigerOptions {
  port?: number;
  /** Defaults to one admin: username "admin", accessKey "fake-access-key", role H2. */
  users?: FakeUserInput[];
  records?: SeedRecord[];
  /** Reproduce a stock 8.4.0 install: sync registered without syncType, changePassword pointing at a moved file. */
  stockInstall?: boolean;
  /** Flood control per minute and quota per day; exceeding either answers 429 (assumed: not in 8.4 open source). */
  rateLimit?: { perMinute?: number; perDay?: number };
  /** Web-service session life span and idle limit (Vtiger: 1 day and 30 minutes). */
  sessionLifeMs?: number;
  sessionIdleMs?: number;
  /** Play an install that added a time-log module (the assumed TimeLogs, fake-vtiger-timelogs.ts); stock has none. */
  timeLogModule?: boolean;
}

export interface FakeCall {
  seq: number;
  at: number;
  method: string;
  operation: string;
  elementType?: string;
  id?: string;
  httpStatus: number;
  errorCode?: string;
  fault?: string;
}

export interface FakeVtigerHandle {
  /** The CRM base URL (what an admin types); the endpoint is `${url}/webservice.php`. */
  url: string;
  webserviceUrl: string;
  /** Every web-service request in arrival order (control requests excluded). */
  calls: FakeCall[];
  /** Web-service id of the first configured user (the default admin). */
  adminUserId: string;
  setFault(fault: FakeVtigerFault): void;
  clearFaults(): void;
  records: {
    list(module?: string, opts?: { includeDeleted?: boolean }): StoredRecord[];
    get(id: string): StoredRecord | undefined;
    seed(rec: SeedRecord): StoredRecord;
    /** Where the next created record's number and auto numbers start (to replay recorded ids). */
    setSequence(next: { crmid?: number; autoNumbers?: Record<string, number> }): void;
    /** Changes a record as a CRM user would (bumps modifiedtime). */
    edit(id: string, fields: Record<string, unknown>): Record<string, string>;
    /** Deletes a record as a CRM user would. */
    remove(id: string): void;
    /** Links a record under another's related list, e.g. a case under a contract's "Service Requests". */
    relate(sourceId: string, label: string, relatedId: string): void;
  };
  /** Adds or removes the (assumed) TimeLogs module. */
  setTimeLogModule(on: boolean): void;
  /** Adds a user the way a Vtiger admin does in its UI (the webservice cannot); returns its id. */
  addUser(user: FakeUserInput): string;
  /** Plain-text password last set for a user (for password-sync assertions). */
  userPassword(userId: string): string | undefined;
  /** Turns the stock install bugs on or off (the admin's one-line fixes). */
  setStockInstall(stock: boolean): void;
  /** The fake's clock; move it to expire tokens, sessions and rate windows. */
  clock: { now(): number; advance(ms: number): void };
  /** Clears faults and sessions; with data, also restores the initial users and records. */
  reset(opts?: { data?: boolean }): void;
  close(): Promise<void>;
}

const OPERATION_METHODS: Record<string, "GET" | "POST"> = {
  getchallenge: "GET",
  login: "POST",
  logout: "POST",
  listtypes: "GET",
  describe: "GET",
  query: "GET",
  retrieve: "GET",
  create: "POST",
  update: "POST",
  revise: "POST",
  delete: "POST",
  sync: "GET",
  changepassword: "POST",
  relatedtypes: "GET",
  retrieve_related: "GET",
  query_related: "GET",
};

/** Operations that need no session. */
const OPEN_OPERATIONS = new Set(["getchallenge", "login"]);

/** What real Vtiger answers for an unknown operation, a broken sync or a database outage (46–49, 96). */
class EmptyServerError extends Error {}
class RestrictedFile extends Error {}

interface Session {
  userId: string;
  startedMs: number;
  lastUsedMs: number;
}

function md5(s: string): string {
  return crypto.createHash("md5").update(s).digest("hex");
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 5_000_000) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const HTML = "text/html; charset=UTF-8";

/** Starts the fake on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeVtiger(options: FakeVtigerOptions = {}): Promise<FakeVtigerHandle> {
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  const store = new FakeVtigerStore(now);
  const faults = new FaultBoard();
  const sessions = new Map<string, Session>();
  const challenges = new Map<string, { token: string; expiresMs: number }>();
  const calls: FakeCall[] = [];
  const pending = new Set<http.ServerResponse>();
  const metered = options.rateLimit !== undefined;
  let stockInstall = options.stockInstall === true;
  const perMinute = options.rateLimit?.perMinute ?? 10_000;
  const perDay = options.rateLimit?.perDay ?? 1_000_000;
  const sessionLifeMs = options.sessionLifeMs ?? 86_400_000;
  const sessionIdleMs = options.sessionIdleMs ?? 1_800_000;
  const usage = { minute: -1, minuteCount: 0, day: -1, dayCount: 0 };
  let quotaExhaustedUntil = 0;
  let adminUserId = "";

  function seedData(): void {
    store.clear();
    store.timeLogModule = options.timeLogModule === true;
    const users = options.users ?? [{ username: "admin", accessKey: "fake-access-key", roleId: "H2", isAdmin: true }];
    const ids = users.map((u) => store.addUser(u));
    adminUserId = ids[0]!;
    for (const r of options.records ?? []) store.seed(r, adminUserId);
  }
  seedData();

  /** Counts the call against both windows and returns the headers to send. */
  function meter(): { headers: Record<string, string>; exceeded: boolean; retryAfter: number } {
    const t = now();
    const minute = Math.floor(t / 60_000);
    const day = Math.floor(t / 86_400_000);
    if (minute !== usage.minute) Object.assign(usage, { minute, minuteCount: 0 });
    if (day !== usage.day) Object.assign(usage, { day, dayCount: 0 });
    const minuteReset = Math.ceil(((minute + 1) * 60_000) / 1000);
    const dayReset = Math.ceil(((day + 1) * 86_400_000) / 1000);
    const exceeded = usage.minuteCount >= perMinute || usage.dayCount >= perDay;
    if (!exceeded) {
      usage.minuteCount += 1;
      usage.dayCount += 1;
    }
    let floodRemaining = Math.max(0, perMinute - usage.minuteCount);
    let floodReset = minuteReset;
    if (quotaExhaustedUntil > t) {
      floodRemaining = 0;
      floodReset = Math.ceil(quotaExhaustedUntil / 1000);
    }
    const retryAfter =
      usage.minuteCount >= perMinute ? minuteReset - Math.floor(t / 1000) : dayReset - Math.floor(t / 1000);
    return {
      exceeded,
      retryAfter: Math.max(1, retryAfter),
      headers: {
        "X-FloodControl-Limit": String(perMinute),
        "X-FloodControl-Remaining": String(floodRemaining),
        "X-FloodControl-Reset": String(floodReset),
        "X-RateLimit-Limit": String(perDay),
        "X-RateLimit-Remaining": String(Math.max(0, perDay - usage.dayCount)),
        "X-RateLimit-Reset": String(dayReset),
      },
    };
  }

  function sessionUser(sessionName: string | undefined): string {
    // Vtiger's own spelling (92).
    if (!sessionName) throw new FakeWsError("AUTHENTICATION_REQUIRED", "Authencation required");
    const invalid = new FakeWsError("INVALID_SESSIONID", "Session Identifier provided is Invalid");
    const s = sessions.get(sessionName);
    if (!s) throw invalid;
    const t = now();
    // An expired or idle session is simply gone, like a collected PHP session file (95).
    if (t - s.startedMs > sessionLifeMs || t - s.lastUsedMs > sessionIdleMs) {
      sessions.delete(sessionName);
      throw invalid;
    }
    s.lastUsedMs = t;
    return s.userId;
  }

  function run(operation: string, p: Record<string, string>): unknown {
    switch (operation) {
      case "getchallenge": {
        const username = p.username ?? "";
        if (!store.userByName(username)) throw new FakeWsError("ACCESS_DENIED", "username does not exists");
        const token = crypto.randomBytes(7).toString("hex").slice(0, 13);
        const t = now();
        challenges.set(username.toLowerCase(), { token, expiresMs: t + 300_000 });
        return { token, serverTime: Math.floor(t / 1000), expireTime: Math.floor(t / 1000) + 300 };
      }
      case "login": {
        const username = p.username ?? "";
        if (faults.take("login", ["invalid_credentials"])) {
          throw new FakeWsError("INVALID_USER_CREDENTIALS", "Invalid username or password");
        }
        const challenge = challenges.get(username.toLowerCase());
        if (!challenge || challenge.expiresMs < now()) {
          throw new FakeWsError("INVALID_AUTH_TOKEN", "Specified token is invalid or expired");
        }
        const user = store.userByName(username);
        const secrets = user && store.userSecrets(user.id);
        if (!user || !secrets || md5(challenge.token + secrets.accessKey) !== p.accessKey) {
          throw new FakeWsError("INVALID_USER_CREDENTIALS", "Invalid username or password");
        }
        if (user.fields.status === "Inactive") throw new FakeWsError("AUTHENTICATION_REQUIRED", "Given user is inactive");
        const sessionName = crypto.randomBytes(12).toString("hex");
        sessions.set(sessionName, { userId: user.id, startedMs: now(), lastUsedMs: now() });
        const u = user.fields;
        return {
          username: u.user_name,
          first_name: u.first_name,
          last_name: u.last_name,
          email: u.email1,
          time_zone: u.time_zone,
          hour_format: u.hour_format,
          date_format: u.date_format,
          is_admin: u.is_admin,
          call_duration: u.callduration,
          other_event_duration: u.othereventduration,
          sessionName,
          userId: user.id,
          version: "0.22",
          vtigerVersion: "8.4.0",
        };
      }
    }
    const userId = sessionUser(p.sessionName);
    switch (operation) {
      case "logout":
        sessions.delete(p.sessionName!);
        return { message: "successfull" };
      case "listtypes":
        return LISTTYPES_RESULT;
      case "describe":
        return store.moduleOrThrow(p.elementType).describe;
      case "query": {
        let q;
        try {
          q = parseVtql(p.query ?? "");
        } catch (e) {
          if (e instanceof VtqlSyntaxError) throw new FakeWsError("QUERY_SYNTAX_ERROR", `Syntax Error on line 1: ${e.message}`);
          throw e;
        }
        return store.query(q);
      }
      case "retrieve":
        return store.retrieve(p.id);
      case "create":
        return store.create(p.elementType, parseElement(p.element), userId);
      case "update":
        return store.update(parseElement(p.element), userId);
      case "revise":
        return store.revise(parseElement(p.element), userId);
      case "delete":
        return store.delete(p.id, userId);
      case "sync": {
        // Stock: no syncType parameter registered (48); fixed: modifiedTime 0 is a PHP TypeError (49), no elementType too (55).
        const mtime = Number(p.modifiedTime ?? "");
        if (stockInstall || !p.elementType || !Number.isFinite(mtime) || mtime <= 0) throw new EmptyServerError();
        return store.sync(p.elementType, Math.floor(mtime), {
          userId,
          application: (p.syncType ?? "user").toLowerCase() === "application",
        });
      }
      case "relatedtypes":
        return store.relatedTypes(p.elementType);
      case "retrieve_related":
        return store.retrieveRelated(p.id, p.relatedType, p.relatedLabel);
      case "query_related":
        // 8.4 refuses it even with the label retrieve_related accepts (sc-10).
        throw new FakeWsError("UNKOWN_ENTITY", "Relation specified is incorrect");
      case "changepassword":
        if (stockInstall) throw new RestrictedFile();
        return store.changePassword(p.id, p.newPassword, p.confirmPassword, userId);
    }
    throw new EmptyServerError();
  }

  function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(body);
  }

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const json = (status: number, body: unknown) => send(res, status, {}, JSON.stringify(body));
    try {
      const raw = req.method === "POST" ? await readBody(req) : "";
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (req.method === "POST" && url.pathname === "/__control/fault") {
        handle.setFault(parseFault(body));
        return json(200, { ok: true, faults: faults.list() });
      }
      if (req.method === "POST" && url.pathname === "/__control/reset") {
        handle.reset({ data: body.data === true });
        return json(200, { ok: true });
      }
      if (req.method === "POST" && url.pathname === "/__control/clock") {
        handle.clock.advance(Number(body.advanceMs ?? 0));
        return json(200, { ok: true, now: now() });
      }
      // Onboarding journeys: the stock install's bugs, data already in the CRM, and a CRM user's edit.
      if (req.method === "POST" && url.pathname === "/__control/stock-install") {
        handle.setStockInstall(body.stock === true);
        return json(200, { ok: true });
      }
      if (req.method === "POST" && url.pathname === "/__control/seed") {
        const rec = handle.records.seed({ module: String(body.module), fields: (body.fields ?? {}) as Record<string, string> });
        return json(200, { id: rec.id });
      }
      if (req.method === "POST" && url.pathname === "/__control/relate") {
        handle.records.relate(String(body.sourceId), String(body.label), String(body.relatedId));
        return json(200, { ok: true });
      }
      if (req.method === "POST" && url.pathname === "/__control/time-log-module") {
        handle.setTimeLogModule(body.on === true);
        return json(200, { ok: true });
      }
      if (req.method === "POST" && url.pathname === "/__control/edit") {
        return json(200, { record: handle.records.edit(String(body.id), (body.fields ?? {}) as Record<string, unknown>) });
      }
      if (req.method === "GET" && url.pathname === "/__control/records") {
        const moduleName = url.searchParams.get("module") ?? undefined;
        const includeDeleted = url.searchParams.get("includeDeleted") === "1";
        return json(200, {
          records: store.list(moduleName, { includeDeleted }).map((r) => ({ ...store.visible(r), deleted: r.deleted, module: r.module })),
        });
      }
      if (req.method === "GET" && url.pathname === "/__control/calls") return json(200, { calls });
      return json(404, { error: "unknown control endpoint" });
    } catch (e) {
      return json(400, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  async function handleWebservice(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === "POST") {
      const raw = await readBody(req);
      const type = req.headers["content-type"] ?? "";
      if (type.includes("application/json")) {
        for (const [k, v] of Object.entries(JSON.parse(raw || "{}") as Record<string, unknown>)) {
          params[k] = typeof v === "string" ? v : JSON.stringify(v);
        }
      } else {
        Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
      }
    }
    const operation = (params.operation ?? "").toLowerCase();
    const call: FakeCall = {
      seq: calls.length + 1,
      at: now(),
      method: req.method ?? "GET",
      operation,
      elementType: params.elementType,
      id: params.id,
      httpStatus: 200,
    };
    calls.push(call);

    const { headers, exceeded, retryAfter } = metered ? meter() : { headers: {}, exceeded: false, retryAfter: 0 };
    if (exceeded) {
      call.httpStatus = 429;
      call.errorCode = "API_LIMIT_EXCEEDED";
      return send(
        res,
        429,
        { ...headers, "X-FloodControl-Remaining": "0", "Retry-After": String(retryAfter) },
        JSON.stringify({ success: false, error: { code: "API_LIMIT_EXCEEDED", message: "API call limit exceeded" } }),
      );
    }

    const fault = faults.take(operation, ["http_500", "timeout", "rate_limit", "error", "drop_response", "exhaust_quota"]);
    if (fault) call.fault = fault.type;
    if (fault?.type === "timeout") {
      call.httpStatus = 0;
      pending.add(res);
      res.on("close", () => pending.delete(res));
      return; // never answered
    }
    if (fault?.type === "http_500") {
      call.httpStatus = 500;
      res.writeHead(500, { "Content-Type": HTML, ...headers });
      res.end();
      return;
    }
    if (fault?.type === "rate_limit") {
      const wait = fault.retryAfterSeconds ?? 30;
      call.httpStatus = 429;
      call.errorCode = "API_LIMIT_EXCEEDED";
      return send(
        res,
        429,
        {
          ...headers,
          "X-FloodControl-Remaining": "0",
          "X-FloodControl-Reset": String(Math.floor(now() / 1000) + wait),
          "Retry-After": String(wait),
        },
        JSON.stringify({ success: false, error: { code: "API_LIMIT_EXCEEDED", message: "Too many requests" } }),
      );
    }
    if (fault?.type === "error") {
      call.errorCode = fault.code;
      return send(res, 200, headers, JSON.stringify({ success: false, error: { code: fault.code, message: fault.message ?? fault.code } }));
    }
    if (fault?.type === "exhaust_quota") {
      quotaExhaustedUntil = now() + fault.resetInSeconds * 1000;
      headers["X-FloodControl-Remaining"] = "0";
      headers["X-FloodControl-Reset"] = String(Math.ceil(quotaExhaustedUntil / 1000));
    }

    let body: string;
    const expected = OPERATION_METHODS[operation];
    try {
      if (!expected) throw new EmptyServerError();
      if (expected !== req.method) {
        // login by GET finds no token (05); any other operation sent the wrong way is refused (20).
        if (operation === "login") throw new FakeWsError("INVALID_AUTH_TOKEN", "Specified token is invalid or expired");
        if (!OPEN_OPERATIONS.has(operation)) sessionUser(params.sessionName);
        throw new FakeWsError("ACCESS_DENIED", "Permission to perform the operation is denied");
      }
      const result = run(operation, params);
      body = JSON.stringify({ success: true, result });
    } catch (e) {
      if (e instanceof EmptyServerError) {
        call.httpStatus = 500;
        res.writeHead(500, { "Content-Type": HTML, ...headers });
        res.end();
        return;
      }
      if (e instanceof RestrictedFile) {
        res.writeHead(200, { "Content-Type": HTML, ...headers });
        res.end("Sorry! Attempt to access restricted file.");
        return;
      }
      if (!(e instanceof FakeWsError)) throw e;
      call.errorCode = e.code;
      body = JSON.stringify({ success: false, error: { message: e.message, code: e.code } });
    }
    if (fault?.type === "drop_response") {
      call.httpStatus = 0;
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json", ...headers });
    res.end(body);
  }

  /** The CRM's record page (index.php?module=…&view=Detail&record=N), so "Open in CRM" links lead somewhere in tests. */
  function handleDetailView(res: http.ServerResponse, url: URL): void {
    const escape = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const moduleName = url.searchParams.get("module") ?? "";
    const crmid = Number(url.searchParams.get("record"));
    const rec = store.list(moduleName).find((r) => r.crmid === crmid);
    if (!rec || url.searchParams.get("view") !== "Detail") {
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><title>Record not found</title><h1>Record not found</h1>`);
      return;
    }
    const fields = store.visible(rec);
    const title = [fields.firstname, fields.lastname].filter(Boolean).join(" ") || fields.accountname || fields.subject || rec.id;
    const rows = Object.entries(fields)
      .map(([k, v]) => `<tr><th scope="row">${escape(k)}</th><td>${escape(String(v))}</td></tr>`)
      .join("");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>${escape(title)} - Vtiger</title><h1>${escape(moduleName)}: ${escape(title)}</h1><table>${rows}</table>`);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const work = url.pathname.startsWith("/__control/")
      ? handleControl(req, res, url)
      : url.pathname.endsWith("/webservice.php")
        ? handleWebservice(req, res, url)
        : url.pathname.endsWith("/index.php") && req.method === "GET"
          ? Promise.resolve(handleDetailView(res, url))
          : Promise.resolve(send(res, 404, {}, JSON.stringify({ error: "not found" })));
    work.catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(e));
      }
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  const handle: FakeVtigerHandle = {
    url: baseUrl,
    webserviceUrl: `${baseUrl}/webservice.php`,
    calls,
    get adminUserId() {
      return adminUserId;
    },
    setFault(fault) {
      if (fault.type === "expire_session") {
        sessions.clear();
        return;
      }
      if (fault.type === "invalid_credentials" && !fault.keepSessions) sessions.clear();
      faults.add(fault);
    },
    clearFaults() {
      faults.clear();
      quotaExhaustedUntil = 0;
    },
    records: {
      list: (module, opts) => store.list(module, opts),
      get: (id) => store.get(id),
      seed: (rec) => store.seed(rec, adminUserId),
      setSequence: (next) => store.setSequence(next),
      edit: (id, fields) => store.revise({ ...fields, id }, adminUserId) as Record<string, string>,
      remove: (id) => void store.delete(id, adminUserId),
      relate: (sourceId, label, relatedId) => store.relate(sourceId, label, relatedId),
    },
    setTimeLogModule(on) {
      store.timeLogModule = on;
    },
    addUser: (user) => store.addUser(user),
    setStockInstall(stock) {
      stockInstall = stock;
    },
    userPassword: (userId) => store.userSecrets(userId)?.password,
    clock: {
      now,
      advance(ms) {
        clockOffset += ms;
      },
    },
    reset(opts = {}) {
      handle.clearFaults();
      sessions.clear();
      challenges.clear();
      if (opts.data) {
        seedData();
        calls.length = 0;
      }
    },
    async close() {
      for (const res of pending) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return handle;
}
