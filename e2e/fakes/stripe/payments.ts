/** /v1/payment_intents, /v1/charges and /v1/refunds. */
import { getCustomerOrThrow } from "./customers";
import { cardDeclined, chargeOutcome, resolvePaymentMethod } from "./payment-methods";
import {
  listOf,
  mergeMetadata,
  newId,
  nowSec,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  route,
  stringList,
  type RouteContext,
} from "./route-kit";
import type { StripeObject } from "./state";
import { invalid, missing } from "./stripe-error";

// Stripe's minimum charge is about 50 units of a two-decimal currency (e.g. $0.50).
const MINIMUM_AMOUNT = 50;

// Stripe's "Three-decimal currencies" (docs.stripe.com/currencies): PaymentIntents and Refunds in these
// take only amounts whose last minor-unit digit is 0 ("5.124 KWD must be rounded to 5120 or 5130").
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

/**
 * ASSUMED SHAPE: Stripe documents the rule but not the error it answers. We send its documented
 * invalid_request_error with param "amount" and the documented code invalid_charge_amount
 * ("The specified amount is invalid…"); the message text is ours.
 */
function assertThreeDecimalStep(amount: number, currency: string): void {
  if (THREE_DECIMAL.has(currency) && amount % 10 !== 0) {
    throw invalid(
      `Invalid amount: ${currency.toUpperCase()} is a three-decimal currency and amounts in it must be divisible by 10 (its last digit must be 0); got ${amount}.`,
      "amount",
      "invalid_charge_amount",
    );
  }
}

function formatAmount(amount: number, currency: string): string {
  return `$${(amount / 100).toFixed(2)} ${currency}`;
}

function getPaymentIntentOrThrow(ctx: RouteContext, id: string, param = "id"): StripeObject {
  const pi = ctx.state.paymentIntents.get(id);
  if (!pi) throw missing("payment_intent", id, param);
  return pi;
}

function createCharge(ctx: RouteContext, pi: StripeObject, pm: StripeObject, declineCode: string | null): StripeObject {
  const card = pm.card as Record<string, unknown>;
  const charge: StripeObject = {
    id: newId("ch"),
    object: "charge",
    amount: pi.amount,
    amount_captured: declineCode ? 0 : pi.amount,
    amount_refunded: 0,
    balance_transaction: declineCode ? null : newId("txn"),
    billing_details: pm.billing_details,
    captured: !declineCode,
    created: nowSec(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    failure_code: declineCode ? "card_declined" : null,
    failure_message: declineCode ? cardDeclined(declineCode).message : null,
    livemode: false,
    metadata: pi.metadata,
    outcome: declineCode
      ? { network_status: "declined_by_network", reason: declineCode, risk_level: "normal", seller_message: "The bank did not return any further details with this decline.", type: "issuer_declined" }
      : { network_status: "approved_by_network", reason: null, risk_level: "normal", seller_message: "Payment complete.", type: "authorized" },
    paid: !declineCode,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: {
      card: { brand: card.brand, exp_month: card.exp_month, exp_year: card.exp_year, funding: card.funding, last4: card.last4 },
      type: "card",
    },
    receipt_url: null,
    refunded: false,
    status: declineCode ? "failed" : "succeeded",
  };
  ctx.state.charges.set(charge.id, charge);
  return charge;
}

/**
 * Confirms a PaymentIntent with a card. Success: status succeeded and a paid
 * charge. Decline: status requires_payment_method, last_payment_error set,
 * a failed charge, and a 402 card_error carrying the PaymentIntent (as Stripe does).
 */
function confirm(ctx: RouteContext, pi: StripeObject, paymentMethod: string): StripeObject {
  const pm = resolvePaymentMethod(ctx, paymentMethod);
  if (pi.customer && pm.customer && pm.customer !== pi.customer) {
    throw invalid(
      `The provided PaymentMethod ${pm.id} belongs to another customer than the PaymentIntent's (${String(pi.customer)}).`,
      "payment_method",
      "payment_method_unexpected_state",
    );
  }
  const declineCode = chargeOutcome(ctx.state.cardBehaviour.get(pm.id));
  const charge = createCharge(ctx, pi, pm, declineCode);
  pi.payment_method = pm.id;
  pi.latest_charge = charge.id;
  if (!declineCode) {
    pi.status = "succeeded";
    pi.amount_received = pi.amount;
    pi.last_payment_error = null;
    ctx.emit("charge.succeeded", charge);
    ctx.emit("payment_intent.succeeded", pi);
    return pi;
  }
  const error = cardDeclined(declineCode);
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.last_payment_error = {
    type: "card_error",
    code: "card_declined",
    decline_code: declineCode,
    message: error.message,
    charge: charge.id,
    doc_url: "https://stripe.com/docs/error-codes/card-declined",
    payment_method: structuredClone(pm),
  };
  ctx.emit("charge.failed", charge);
  ctx.emit("payment_intent.payment_failed", pi);
  throw cardDeclined(declineCode, {
    charge: charge.id,
    payment_intent: structuredClone(pi),
    payment_method: structuredClone(pm),
  });
}

const PI_PARAMS = [
  "amount",
  "currency",
  "customer",
  "payment_method",
  "confirm",
  "off_session",
  "metadata",
  "description",
  "payment_method_types",
  "automatic_payment_methods",
  "receipt_email",
  "statement_descriptor",
  "statement_descriptor_suffix",
  "setup_future_usage",
  "capture_method",
  "error_on_requires_action",
  "return_url",
] as const;

export const paymentRoutes = [
  route("POST", "/v1/payment_intents", PI_PARAMS, (ctx) => {
    const amount = optionalInteger(ctx.params, "amount");
    if (amount === undefined) throw invalid("Missing required param: amount.", "amount", "parameter_missing");
    const currency = requiredString(ctx.params, "currency").toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}`, "currency");
    if (amount < MINIMUM_AMOUNT) {
      throw invalid(`Amount must be at least ${formatAmount(MINIMUM_AMOUNT, currency)}`, "amount", "amount_too_small");
    }
    assertThreeDecimalStep(amount, currency);
    const customer = optionalString(ctx.params, "customer") || null;
    if (customer) getCustomerOrThrow(ctx, customer);
    const doConfirm = optionalBoolean(ctx.params, "confirm") ?? false;
    const offSession = optionalBoolean(ctx.params, "off_session") ?? false;
    if (offSession && !doConfirm) {
      throw invalid("off_session can only be used when confirm=true.", "off_session");
    }
    const paymentMethod = optionalString(ctx.params, "payment_method") || null;
    if (doConfirm && !paymentMethod) {
      throw invalid(
        "You cannot confirm this PaymentIntent because it's missing a payment method.",
        "payment_method",
        "payment_intent_unexpected_state",
      );
    }
    const id = newId("pi");
    const pi: StripeObject = {
      id,
      object: "payment_intent",
      amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: "automatic",
      client_secret: `${id}_secret_${newId("x", 24).slice(2)}`,
      confirmation_method: "automatic",
      created: nowSec(),
      currency,
      customer,
      description: optionalString(ctx.params, "description") ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: mergeMetadata({}, ctx.params),
      next_action: null,
      payment_method: paymentMethod,
      payment_method_types: stringList(ctx.params, "payment_method_types") ?? ["card"],
      receipt_email: optionalString(ctx.params, "receipt_email") ?? null,
      setup_future_usage: optionalString(ctx.params, "setup_future_usage") ?? null,
      statement_descriptor: optionalString(ctx.params, "statement_descriptor") ?? null,
      status: paymentMethod ? "requires_confirmation" : "requires_payment_method",
    };
    ctx.state.paymentIntents.set(id, pi);
    ctx.emit("payment_intent.created", pi);
    if (doConfirm && paymentMethod) return confirm(ctx, pi, paymentMethod);
    return pi;
  }),

  route("GET", "/v1/payment_intents/:id", ["client_secret"], (ctx) => getPaymentIntentOrThrow(ctx, ctx.ids[0] ?? "")),

  route("POST", "/v1/payment_intents/:id/confirm", ["payment_method", "off_session", "return_url", "error_on_requires_action"], (ctx) => {
    const pi = getPaymentIntentOrThrow(ctx, ctx.ids[0] ?? "");
    if (pi.status !== "requires_payment_method" && pi.status !== "requires_confirmation") {
      throw invalid(
        `This PaymentIntent's status is ${String(pi.status)}, so it cannot be confirmed.`,
        undefined,
        "payment_intent_unexpected_state",
      );
    }
    const paymentMethod = optionalString(ctx.params, "payment_method") || (pi.payment_method as string | null);
    if (!paymentMethod) {
      throw invalid("You cannot confirm this PaymentIntent because it's missing a payment method.", "payment_method", "payment_intent_unexpected_state");
    }
    return confirm(ctx, pi, paymentMethod);
  }),

  route("POST", "/v1/payment_intents/:id/cancel", ["cancellation_reason"], (ctx) => {
    const pi = getPaymentIntentOrThrow(ctx, ctx.ids[0] ?? "");
    if (pi.status === "succeeded" || pi.status === "canceled") {
      throw invalid(`You cannot cancel this PaymentIntent because it has a status of ${String(pi.status)}.`, undefined, "payment_intent_unexpected_state");
    }
    pi.status = "canceled";
    pi.canceled_at = nowSec();
    pi.cancellation_reason = optionalString(ctx.params, "cancellation_reason") ?? null;
    ctx.emit("payment_intent.canceled", pi);
    return pi;
  }),

  route("GET", "/v1/payment_intents", ["customer", "limit", "starting_after", "ending_before", "created"], (ctx) => {
    const customer = optionalString(ctx.params, "customer");
    const items = [...ctx.state.paymentIntents.values()].filter((pi) => !customer || pi.customer === customer);
    return listOf(items, "/v1/payment_intents", ctx.params);
  }),

  route("GET", "/v1/charges/:id", [], (ctx) => {
    const id = ctx.ids[0] ?? "";
    const charge = ctx.state.charges.get(id);
    if (!charge) throw missing("charge", id);
    return charge;
  }),

  route("POST", "/v1/refunds", ["payment_intent", "charge", "amount", "reason", "metadata", "instructions_email"], (ctx) => {
    const piId = optionalString(ctx.params, "payment_intent");
    const chargeId = optionalString(ctx.params, "charge");
    if (!piId && !chargeId) {
      throw invalid("One of the following params should be provided for this request: payment_intent or charge.", undefined, "parameter_missing");
    }
    let charge: StripeObject | undefined;
    if (chargeId) {
      charge = ctx.state.charges.get(chargeId);
      if (!charge) throw missing("charge", chargeId, "charge");
    } else if (piId) {
      const pi = getPaymentIntentOrThrow(ctx, piId, "payment_intent");
      charge = pi.latest_charge ? ctx.state.charges.get(String(pi.latest_charge)) : undefined;
      if (!charge || charge.status !== "succeeded") {
        throw invalid(`This PaymentIntent (${piId}) does not have a successful charge to refund.`, "payment_intent", "charge_not_refundable");
      }
    }
    if (!charge) throw missing("charge", String(chargeId));
    if (charge.status !== "succeeded") throw invalid(`Charge ${charge.id} has not succeeded and cannot be refunded.`, "charge", "charge_not_refundable");
    const captured = Number(charge.amount);
    const refundedSoFar = Number(charge.amount_refunded);
    const remaining = captured - refundedSoFar;
    if (remaining <= 0) {
      throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, "charge_already_refunded");
    }
    const amount = optionalInteger(ctx.params, "amount") ?? remaining;
    if (amount <= 0) throw invalid("Invalid positive integer", "amount");
    assertThreeDecimalStep(amount, String(charge.currency));
    if (amount > remaining) {
      throw invalid(
        `Refund amount (${formatAmount(amount, String(charge.currency))}) is greater than unrefunded amount on charge (${formatAmount(remaining, String(charge.currency))})`,
        "amount",
        "amount_too_large",
      );
    }
    const reason = optionalString(ctx.params, "reason") ?? null;
    if (reason && !["duplicate", "fraudulent", "requested_by_customer"].includes(reason)) {
      throw invalid(`Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`, "reason");
    }
    const refund: StripeObject = {
      id: newId("re"),
      object: "refund",
      amount,
      balance_transaction: newId("txn"),
      charge: charge.id,
      created: nowSec(),
      currency: charge.currency,
      destination_details: { card: { type: "refund" }, type: "card" },
      metadata: mergeMetadata({}, ctx.params),
      payment_intent: charge.payment_intent,
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: "succeeded",
      transfer_reversal: null,
    };
    ctx.state.refunds.set(refund.id, refund);
    charge.amount_refunded = refundedSoFar + amount;
    charge.refunded = refundedSoFar + amount === captured;
    ctx.emit("refund.created", refund);
    ctx.emit("charge.refunded", charge, { amount_refunded: refundedSoFar, refunded: false });
    return refund;
  }),

  route("GET", "/v1/refunds/:id", [], (ctx) => {
    const id = ctx.ids[0] ?? "";
    const refund = ctx.state.refunds.get(id);
    if (!refund) throw missing("refund", id);
    return refund;
  }),

  route("GET", "/v1/refunds", ["payment_intent", "charge", "limit", "starting_after", "ending_before"], (ctx) => {
    const pi = optionalString(ctx.params, "payment_intent");
    const charge = optionalString(ctx.params, "charge");
    const items = [...ctx.state.refunds.values()].filter(
      (r) => (!pi || r.payment_intent === pi) && (!charge || r.charge === charge),
    );
    return listOf(items, "/v1/refunds", ctx.params);
  }),

  route("GET", "/v1/events/:id", [], (ctx) => {
    const id = ctx.ids[0] ?? "";
    const event = ctx.state.events.find((e) => e.id === id);
    if (!event) throw missing("event", id);
    return event;
  }),

  route("GET", "/v1/events", ["type", "limit", "starting_after", "ending_before", "created"], (ctx) => {
    const type = optionalString(ctx.params, "type");
    const items = ctx.state.events.filter((e) => !type || e.type === type);
    return listOf(items, "/v1/events", ctx.params);
  }),
];

