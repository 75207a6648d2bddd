/**
 * Test fake: the subset of the Stripe API that Switchboard uses, on
 * 127.0.0.1, speaking Stripe's wire protocol (form-encoded requests with
 * bracket nesting, JSON objects with Stripe ids, `{ error: {…} }` failures,
 * Idempotency-Key replay) so the real `stripe` SDK runs against it:
 *
 *   new Stripe(fake.secretKey, { host: fake.host, port: fake.port, protocol: "http" })
 *
 * Never imported by product code. Besides the API it serves:
 *   GET  /checkout/:id               a hosted-Checkout stand-in (pick a test card, save)
 *   GET  /__fake/state               everything stored, as JSON
 *   POST /__fake/reset               forget everything
 *   POST /__fake/card-behaviour      {"payment_method": "pm_…", "behaviour": "decline_on_charge"}
 *   POST /__fake/webhook-endpoint    {"url": "…", "secret": "whsec_…"} ({} to stop forwarding)
 *   POST /__fake/checkout/:id/complete {"card": "pm_card_visa"}
 *   POST /__fake/invoices            {"id": "in_…", "total": 11300, "status": "paid", "created": 1767225600, …} (SeedInvoice)
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import Stripe from "stripe";
import { customerRoutes } from "./customers";
import { invoiceRoutes, seedInvoice, type SeedInvoice } from "./invoices";
import { FormParseError, parseStripeForm, type FormParams } from "./form-body";
import { paymentMethodRoutes } from "./payment-methods";
import { paymentRoutes } from "./payments";
import type { ListObject, Route, RouteContext } from "./route-kit";
import { completeCheckoutSession, setupAndCheckoutRoutes } from "./setup-and-checkout";
import { FakeStripeState, newId, TEST_CARDS, type CardBehaviour, type StripeObject } from "./state";
import { StripeApiError } from "./stripe-error";
import { buildEvent, sendSignedWebhook, type EventInput, type WebhookSendResult } from "./webhook-events";

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  url: string;
  /** HTTP status, or null when the endpoint could not be reached. */
  status: number | null;
  error?: string;
}

export interface FakeStripeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The key tests hand to the SDK. Any `sk_test_…` key is accepted. */
  secretKey?: string;
  /** When set, every event is also POSTed there, signed with `secret`. */
  webhookEndpoint?: WebhookEndpoint | null;
}

export interface FakeStripe {
  /** Base URL, e.g. http://127.0.0.1:12345 (API under /v1). */
  url: string;
  host: "127.0.0.1";
  port: number;
  secretKey: string;
  /** Ready-made SDK options: `new Stripe(fake.secretKey, fake.stripeConfig)`. */
  stripeConfig: { host: string; port: number; protocol: "http" };
  state: FakeStripeState;
  /** Automatic deliveries to the webhook endpoint, in order. */
  deliveries: WebhookDelivery[];
  setWebhookEndpoint(endpoint: WebhookEndpoint | null): void;
  /** Waits until every automatic delivery started so far has finished. */
  flushWebhooks(): Promise<void>;
  /** Signs `event` like Stripe (SDK test helper) and POSTs it to `targetUrl`. */
  sendWebhook(targetUrl: string, event: EventInput, webhookSecret: string, options?: { timestamp?: number }): Promise<WebhookSendResult>;
  /** What a customer saving a card on the hosted Checkout page does; returns the success URL. */
  completeCheckoutSession(sessionId: string, card?: string): string;
  close(): Promise<void>;
}

const ROUTES: readonly Route[] = [...customerRoutes, ...paymentMethodRoutes, ...setupAndCheckoutRoutes, ...paymentRoutes, ...invoiceRoutes];
const MAX_BODY_BYTES = 1_000_000;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new StripeApiError(413, "invalid_request_error", "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function apiKeyOf(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic?.[1]) return Buffer.from(basic[1], "base64").toString("utf8").split(":")[0] ?? null;
  return null;
}

function maskKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}` : "****";
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function expandPath(state: FakeStripeState, target: unknown, parts: string[]): void {
  if (!target || typeof target !== "object") return;
  const [head, ...rest] = parts;
  if (head === undefined) return;
  const obj = target as Record<string, unknown>;
  if (head === "data" && Array.isArray(obj.data)) {
    for (const item of obj.data) expandPath(state, item, rest);
    return;
  }
  if (rest.length === 0) {
    const value = obj[head];
    if (typeof value === "string") {
      const found = state.findById(value);
      if (found) obj[head] = structuredClone(found);
    }
    return;
  }
  expandPath(state, obj[head], rest);
}

function checkoutPage(session: StripeObject, baseUrl: string): string {
  const options = Object.entries(TEST_CARDS)
    .map(([token, card]) => `<option value="${token}">${card.brand} •••• ${card.last4} (${token})</option>`)
    .join("");
  const cancel = session.cancel_url ? `<a href="${String(session.cancel_url)}">Cancel</a>` : "";
  return `<!doctype html><html><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head>
<body style="font-family:system-ui;max-width:28rem;margin:3rem auto">
<h1>Save a card</h1><p>Fake Stripe Checkout (test mode) for session <code>${session.id}</code>.</p>
<form method="post" action="${baseUrl}/checkout/${session.id}/complete">
<label>Test card <select name="card">${options}</select></label>
<p><button type="submit">Save card</button> ${cancel}</p></form></body></html>`;
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const state = new FakeStripeState();
  const secretKey = options.secretKey ?? "sk_test_switchboard_fake_0000000000";
  if (!secretKey.startsWith("sk_test_")) throw new Error("The fake Stripe only accepts test keys (sk_test_…)");
  let endpoint: WebhookEndpoint | null = options.webhookEndpoint ?? null;
  const deliveries: WebhookDelivery[] = [];
  const pending = new Set<Promise<void>>();
  let baseUrl = "";

  function forward(event: StripeObject): void {
    if (!endpoint) return;
    const target = endpoint;
    const delivery: WebhookDelivery = { eventId: event.id, type: String(event.type), url: target.url, status: null };
    deliveries.push(delivery);
    const job = sendSignedWebhook(target.url, event, target.secret)
      .then((r) => {
        delivery.status = r.status;
      })
      .catch((error: unknown) => {
        delivery.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => pending.delete(job));
    pending.add(job);
  }

  function makeContext(params: FormParams, ids: string[], requestId: string, idempotencyKey: string | null): RouteContext {
    return {
      state,
      params,
      ids,
      baseUrl,
      requestId,
      idempotencyKey,
      emit(type, object, previousAttributes) {
        const event = buildEvent(type, object, previousAttributes, { requestId, idempotencyKey });
        state.events.push(event);
        forward(event);
      },
    };
  }

  function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>): void {
    res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const requestId = newId("req", 14);
    const idempotencyKey = method === "POST" ? ((req.headers["idempotency-key"] as string | undefined) ?? null) : null;
    const headers: Record<string, string> = {
      "request-id": requestId,
      "stripe-version": (req.headers["stripe-version"] as string | undefined) ?? Stripe.API_VERSION,
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    };
    const record = (params: Record<string, unknown>, status: number, replayed = false) =>
      state.requests.push({ method, path: url.pathname, params, idempotencyKey, status, replayed });
    const fail = (error: StripeApiError, params: Record<string, unknown> = {}) => {
      record(params, error.status);
      send(res, error.status, JSON.stringify(error.toBody(requestId), null, 2), headers);
    };

    const key = apiKeyOf(req);
    if (!key || !key.startsWith("sk_test_")) {
      const message = key
        ? `Invalid API Key provided: ${maskKey(key)}`
        : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
      fail(new StripeApiError(401, "invalid_request_error", message));
      return;
    }

    let params: FormParams;
    try {
      params = parseStripeForm(method === "POST" ? await readBody(req) : url.search.slice(1));
    } catch (error) {
      if (error instanceof StripeApiError) return fail(error);
      fail(new StripeApiError(400, "invalid_request_error", error instanceof FormParseError ? error.message : "Invalid request body"));
      return;
    }

    let match: { route: Route; ids: string[] } | null = null;
    for (const candidate of ROUTES) {
      const m = candidate.method === method ? candidate.pattern.exec(url.pathname) : null;
      if (m) {
        match = { route: candidate, ids: m.slice(1).map(decodeURIComponent) };
        break;
      }
    }
    if (!match) {
      fail(
        new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${url.pathname}). This fake Stripe speaks only the subset Switchboard uses.`),
        params,
      );
      return;
    }
    const unknown = Object.keys(params).find((p) => p !== "expand" && !match.route.params.includes(p));
    if (unknown) {
      fail(new StripeApiError(400, "invalid_request_error", `Received unknown parameter: ${unknown}`, { code: "parameter_unknown", param: unknown }), params);
      return;
    }

    const scopedKey = idempotencyKey ? `${key}\n${idempotencyKey}` : null;
    const fingerprint = `${method} ${url.pathname} ${canonical(params)}`;
    if (scopedKey) {
      const stored = state.idempotency.get(scopedKey);
      if (stored && stored.fingerprint !== fingerprint) {
        fail(
          new StripeApiError(
            400,
            "idempotency_error",
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          ),
          params,
        );
        return;
      }
      if (stored) {
        record(params, stored.status, true);
        send(res, stored.status, stored.body, { ...headers, "idempotent-replayed": "true", "original-request": stored.requestId });
        return;
      }
    }

    let status = 200;
    let body: string;
    try {
      const result: StripeObject | ListObject = structuredClone(match.route.handle(makeContext(params, match.ids, requestId, idempotencyKey)));
      const expand = params.expand;
      const paths = Array.isArray(expand) ? expand : typeof expand === "string" ? [expand] : [];
      for (const path of paths) if (typeof path === "string") expandPath(state, result, path.split("."));
      body = JSON.stringify(result, null, 2);
    } catch (error) {
      const apiError =
        error instanceof StripeApiError
          ? error
          : new StripeApiError(500, "api_error", `Fake Stripe failed: ${error instanceof Error ? error.message : String(error)}`);
      status = apiError.status;
      body = JSON.stringify(apiError.toBody(requestId), null, 2);
    }
    // Like Stripe, remember outcomes once the endpoint ran (success or card decline), not validation failures.
    if (scopedKey && (status < 300 || status === 402)) {
      state.idempotency.set(scopedKey, { fingerprint, status, body, requestId });
    }
    record(params, status);
    send(res, status, body, headers);
  }

  function completeSession(sessionId: string, card: string): string {
    const requestId = newId("req", 14);
    return completeCheckoutSession(makeContext({}, [], requestId, null), sessionId, card);
  }

  async function handleFake(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const json = (status: number, value: unknown) => send(res, status, JSON.stringify(value, null, 2), {});
    const readJson = async (): Promise<Record<string, unknown>> => {
      const text = await readBody(req);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
    try {
      if (method === "GET" && url.pathname === "/__fake/state") {
        return json(200, {
          customers: [...state.customers.values()],
          paymentMethods: [...state.paymentMethods.values()],
          setupIntents: [...state.setupIntents.values()],
          checkoutSessions: [...state.checkoutSessions.values()],
          paymentIntents: [...state.paymentIntents.values()],
          charges: [...state.charges.values()],
          refunds: [...state.refunds.values()],
          invoices: [...state.invoices.values()],
          events: state.events,
          deliveries,
        });
      }
      if (method === "POST" && url.pathname === "/__fake/reset") {
        state.reset();
        deliveries.length = 0;
        return json(200, { ok: true });
      }
      if (method === "POST" && url.pathname === "/__fake/card-behaviour") {
        const body = await readJson();
        state.setCardBehaviour(String(body.payment_method), String(body.behaviour) as CardBehaviour);
        return json(200, { ok: true });
      }
      if (method === "POST" && url.pathname === "/__fake/webhook-endpoint") {
        const body = await readJson();
        endpoint = body.url ? { url: String(body.url), secret: String(body.secret ?? "") } : null;
        return json(200, { endpoint });
      }
      if (method === "POST" && url.pathname === "/__fake/invoices") {
        return json(200, seedInvoice(state, (await readJson()) as unknown as SeedInvoice));
      }
      const complete = /^\/__fake\/checkout\/([^/]+)\/complete$/.exec(url.pathname);
      if (method === "POST" && complete?.[1]) {
        const body = await readJson();
        return json(200, { redirect: completeSession(complete[1], String(body.card ?? "pm_card_visa")) });
      }
      return json(404, { error: `Unknown control route ${method} ${url.pathname}` });
    } catch (error) {
      if (error instanceof StripeApiError) return json(error.status, error.toBody("req_fake"));
      return json(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function handleCheckout(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const html = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers });
      res.end(text);
    };
    const page = /^\/checkout\/([^/]+)$/.exec(url.pathname);
    const complete = /^\/checkout\/([^/]+)\/complete$/.exec(url.pathname);
    if (req.method === "GET" && page?.[1]) {
      const session = state.checkoutSessions.get(page[1]);
      if (!session) return html(404, "<h1>Checkout session not found</h1>");
      if (session.status !== "open") return html(410, `<h1>This Checkout session is ${String(session.status)}</h1>`);
      return html(200, checkoutPage(session, baseUrl));
    }
    if (req.method === "POST" && complete?.[1]) {
      const form = new URLSearchParams(await readBody(req));
      try {
        const redirect = completeSession(complete[1], form.get("card") ?? "pm_card_visa");
        return html(303, `<a href="${redirect}">Continue</a>`, { location: redirect });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const status = error instanceof StripeApiError ? error.status : 400;
        return html(status, `<h1>${message}</h1><p><a href="${baseUrl}/checkout/${complete[1]}">Try another card</a></p>`);
      }
    }
    return html(404, "<h1>Not found</h1>");
  }

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handler = url.pathname.startsWith("/v1/")
      ? handleApi
      : url.pathname.startsWith("/__fake/")
        ? handleFake
        : url.pathname.startsWith("/checkout/")
          ? handleCheckout
          : null;
    if (!handler) {
      send(res, 404, JSON.stringify({ error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${url.pathname})` } }), {});
      return;
    }
    handler(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: { type: "api_error", message: String(error) } }), {});
      else res.destroy();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    host: "127.0.0.1",
    port,
    secretKey,
    stripeConfig: { host: "127.0.0.1", port, protocol: "http" },
    state,
    deliveries,
    setWebhookEndpoint(next) {
      endpoint = next;
    },
    async flushWebhooks() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    sendWebhook: (targetUrl, event, webhookSecret, sendOptions) => sendSignedWebhook(targetUrl, event, webhookSecret, sendOptions),
    completeCheckoutSession: (sessionId, card = "pm_card_visa") => completeSession(sessionId, card),
    async close() {
      await Promise.allSettled([...pending]);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
