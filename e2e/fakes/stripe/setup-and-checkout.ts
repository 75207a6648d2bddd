/** /v1/setup_intents and /v1/checkout/sessions (mode=setup), and completing a session. */
import { getCustomerOrThrow } from "./customers";
import { attachToCustomer } from "./payment-methods";
import {
  mergeMetadata,
  newId,
  nowSec,
  optionalBoolean,
  optionalHash,
  optionalString,
  requiredString,
  route,
  stringList,
  type RouteContext,
} from "./route-kit";
import type { FakeStripeState, StripeObject } from "./state";
import { invalid, missing } from "./stripe-error";

function createSetupIntent(ctx: RouteContext, fields: { customer: string | null; metadata: Record<string, string>; usage: string }): StripeObject {
  const id = newId("seti");
  const si: StripeObject = {
    id,
    object: "setup_intent",
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${newId("x", 24).slice(2)}`,
    created: nowSec(),
    customer: fields.customer,
    description: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    metadata: fields.metadata,
    next_action: null,
    payment_method: null,
    payment_method_types: ["card"],
    status: "requires_payment_method",
    usage: fields.usage,
  };
  ctx.state.setupIntents.set(id, si);
  ctx.emit("setup_intent.created", si);
  return si;
}

export const setupAndCheckoutRoutes = [
  route("POST", "/v1/setup_intents", ["customer", "payment_method_types", "usage", "metadata", "description", "automatic_payment_methods", "payment_method", "confirm"], (ctx) => {
    const customer = optionalString(ctx.params, "customer") || null;
    if (customer) getCustomerOrThrow(ctx, customer);
    const usage = optionalString(ctx.params, "usage") ?? "off_session";
    if (usage !== "off_session" && usage !== "on_session") throw invalid(`Invalid usage: ${usage}`, "usage");
    const si = createSetupIntent(ctx, { customer, metadata: mergeMetadata({}, ctx.params), usage });
    si.payment_method_types = stringList(ctx.params, "payment_method_types") ?? ["card"];
    si.description = optionalString(ctx.params, "description") ?? null;
    const pm = optionalString(ctx.params, "payment_method");
    if (pm && optionalBoolean(ctx.params, "confirm")) {
      if (!customer) throw invalid("A customer is required to confirm a SetupIntent in this fake", "customer");
      const method = attachToCustomer(ctx, pm, customer);
      si.payment_method = method.id;
      si.status = "succeeded";
      ctx.emit("setup_intent.succeeded", si);
    }
    return si;
  }),

  route("GET", "/v1/setup_intents/:id", [], (ctx) => {
    const id = ctx.ids[0] ?? "";
    const si = ctx.state.setupIntents.get(id);
    if (!si) throw missing("setupintent", id);
    return si;
  }),

  route(
    "POST",
    "/v1/checkout/sessions",
    ["mode", "customer", "success_url", "cancel_url", "currency", "payment_method_types", "metadata", "client_reference_id", "setup_intent_data", "customer_email", "locale", "ui_mode"],
    (ctx) => {
      const mode = requiredString(ctx.params, "mode");
      if (mode !== "setup") {
        throw invalid(`This fake Stripe supports Checkout in mode=setup only (got ${mode})`, "mode");
      }
      const successUrl = requiredString(ctx.params, "success_url");
      const customer = optionalString(ctx.params, "customer") || null;
      if (customer) getCustomerOrThrow(ctx, customer);
      const setupData = optionalHash(ctx.params, "setup_intent_data") ?? {};
      const si = createSetupIntent(ctx, {
        customer,
        metadata: mergeMetadata({}, { metadata: setupData.metadata ?? {} }),
        usage: "off_session",
      });
      const id = newId("cs_test", 58);
      const created = nowSec();
      const session: StripeObject = {
        id,
        object: "checkout.session",
        cancel_url: optionalString(ctx.params, "cancel_url") ?? null,
        client_reference_id: optionalString(ctx.params, "client_reference_id") ?? null,
        created,
        currency: optionalString(ctx.params, "currency") ?? null,
        customer,
        customer_email: optionalString(ctx.params, "customer_email") ?? null,
        expires_at: created + 24 * 3600,
        livemode: false,
        metadata: mergeMetadata({}, ctx.params),
        mode: "setup",
        payment_method_types: stringList(ctx.params, "payment_method_types") ?? ["card"],
        payment_status: "no_payment_required",
        setup_intent: si.id,
        status: "open",
        success_url: successUrl,
        url: `${ctx.baseUrl}/checkout/${id}`,
      };
      ctx.state.checkoutSessions.set(id, session);
      return session;
    },
  ),

  route("GET", "/v1/checkout/sessions/:id", [], (ctx) => {
    const id = ctx.ids[0] ?? "";
    const session = ctx.state.checkoutSessions.get(id);
    if (!session) throw missing("checkout.session", id);
    return session;
  }),
];

/**
 * What the hosted Checkout page does when the customer saves a card: attach
 * it, succeed the SetupIntent, complete the session (events included).
 * Returns the URL to send the browser to.
 */
export function completeCheckoutSession(ctx: RouteContext, sessionId: string, cardToken: string): string {
  const state: FakeStripeState = ctx.state;
  const session = state.checkoutSessions.get(sessionId);
  if (!session) throw missing("checkout.session", sessionId);
  if (session.status !== "open") throw invalid(`This Checkout Session is ${String(session.status)}`, undefined, "checkout_session_not_open");
  const si = state.setupIntents.get(String(session.setup_intent));
  if (!si) throw missing("setupintent", String(session.setup_intent));
  let customerId = session.customer as string | null;
  if (!customerId) {
    // Stripe creates a customer when the session had none; so does the fake.
    customerId = newId("cus", 14);
    state.customers.set(customerId, {
      id: customerId,
      object: "customer",
      created: nowSec(),
      email: session.customer_email ?? null,
      name: null,
      metadata: {},
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
    });
    session.customer = customerId;
    si.customer = customerId;
  }
  const pm = attachToCustomer(ctx, cardToken, customerId);
  si.payment_method = pm.id;
  si.status = "succeeded";
  ctx.emit("setup_intent.succeeded", si);
  session.status = "complete";
  ctx.emit("checkout.session.completed", session);
  return String(session.success_url).replace("{CHECKOUT_SESSION_ID}", sessionId);
}
