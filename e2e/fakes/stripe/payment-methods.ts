/** /v1/payment_methods: test-token materialisation, attach, detach, retrieve, list. */
import { getCustomerOrThrow } from "./customers";
import { listOf, newId, nowSec, optionalString, requiredString, route, type RouteContext } from "./route-kit";
import { TEST_CARDS, type CardBehaviour, type StripeObject } from "./state";
import { invalid, missing, StripeApiError } from "./stripe-error";

const DECLINE_MESSAGES: Record<string, string> = {
  generic_decline: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
};

/** The 402 card_error Stripe answers for a declined card. */
export function cardDeclined(declineCode: string, extra: Record<string, unknown> = {}): StripeApiError {
  return new StripeApiError(402, "card_error", DECLINE_MESSAGES[declineCode] ?? "Your card was declined.", {
    code: "card_declined",
    decline_code: declineCode,
    ...extra,
  });
}

/** What a charge on this payment method does: null = succeeds, otherwise the decline code. */
export function chargeOutcome(behaviour: CardBehaviour | undefined): string | null {
  switch (behaviour) {
    case "decline_on_attach":
    case "decline_on_charge":
      return "generic_decline";
    case "insufficient_funds":
      return "insufficient_funds";
    default:
      return null;
  }
}

/**
 * Resolves a PaymentMethod id. Test tokens (pm_card_visa, …) become a fresh
 * PaymentMethod each time they are used, as on Stripe.
 */
export function resolvePaymentMethod(ctx: RouteContext, idOrToken: string, param = "payment_method"): StripeObject {
  const existing = ctx.state.paymentMethods.get(idOrToken);
  if (existing) return existing;
  const card = TEST_CARDS[idOrToken];
  if (!card) throw missing("PaymentMethod", idOrToken, param);
  const pm: StripeObject = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      display_brand: card.brand,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 3,
      fingerprint: `fp${card.last4}${card.brand}`.slice(0, 16),
      funding: card.funding,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: nowSec(),
    customer: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
  ctx.state.paymentMethods.set(pm.id, pm);
  ctx.state.cardBehaviour.set(pm.id, card.behaviour);
  return pm;
}

/** Attaches a payment method (or test token) to a customer; declining cards fail with a 402. */
export function attachToCustomer(ctx: RouteContext, idOrToken: string, customerId: string): StripeObject {
  const customer = getCustomerOrThrow(ctx, customerId);
  const pm = resolvePaymentMethod(ctx, idOrToken, "payment_method");
  const behaviour = ctx.state.cardBehaviour.get(pm.id);
  if (behaviour === "decline_on_attach" || behaviour === "insufficient_funds") {
    throw cardDeclined(chargeOutcome(behaviour) ?? "generic_decline", { param: "" });
  }
  if (pm.customer && pm.customer !== customer.id) {
    throw invalid(
      "The payment method you provided has already been attached to a customer.",
      "payment_method",
      "payment_method_unexpected_state",
    );
  }
  if (pm.customer !== customer.id) {
    pm.customer = customer.id;
    ctx.emit("payment_method.attached", pm);
  }
  return pm;
}

export const paymentMethodRoutes = [
  route("POST", "/v1/payment_methods/:id/attach", ["customer"], (ctx) =>
    attachToCustomer(ctx, ctx.ids[0] ?? "", requiredString(ctx.params, "customer")),
  ),

  route("POST", "/v1/payment_methods/:id/detach", [], (ctx) => {
    const id = ctx.ids[0] ?? "";
    const pm = ctx.state.paymentMethods.get(id);
    if (!pm) throw missing("PaymentMethod", id);
    if (!pm.customer) {
      throw invalid("The payment method you provided is not attached to a customer so detachment is impossible.", undefined, "payment_method_unexpected_state");
    }
    const owner = ctx.state.customers.get(String(pm.customer));
    const settings = owner?.invoice_settings as Record<string, unknown> | undefined;
    if (settings?.default_payment_method === pm.id) settings.default_payment_method = null;
    pm.customer = null;
    ctx.emit("payment_method.detached", pm);
    return pm;
  }),

  route("GET", "/v1/payment_methods/:id", [], (ctx) => resolvePaymentMethod(ctx, ctx.ids[0] ?? "", "id")),

  route("GET", "/v1/payment_methods", ["customer", "type", "limit", "starting_after", "ending_before"], (ctx) => {
    const customer = optionalString(ctx.params, "customer");
    if (customer) getCustomerOrThrow(ctx, customer);
    const type = optionalString(ctx.params, "type");
    const items = [...ctx.state.paymentMethods.values()].filter(
      (pm) => (!customer || pm.customer === customer) && (!type || pm.type === type) && (customer || pm.customer),
    );
    return listOf(items, "/v1/payment_methods", ctx.params);
  }),
];
