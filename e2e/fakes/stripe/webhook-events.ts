/** Stripe event objects and their signed delivery (Stripe-Signature made by the SDK's own test helper). */
import Stripe from "stripe";
import { newId, nowSec, type StripeObject } from "./state";

const signer = new Stripe("sk_test_signing_only_never_sent");

export interface EventOrigin {
  requestId?: string | null;
  idempotencyKey?: string | null;
}

/** An `event` object as Stripe sends it, with a snapshot of `object`. */
export function buildEvent(
  type: string,
  object: StripeObject,
  previousAttributes?: Record<string, unknown>,
  origin: EventOrigin = {},
): StripeObject {
  return {
    id: newId("evt"),
    object: "event",
    api_version: Stripe.API_VERSION,
    created: nowSec(),
    data: {
      object: structuredClone(object),
      ...(previousAttributes && Object.keys(previousAttributes).length > 0 ? { previous_attributes: previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: origin.requestId ?? null, idempotency_key: origin.idempotencyKey ?? null },
    type,
  };
}

/** A partial event is completed (id, created, api_version …) before sending. */
export type EventInput = StripeObject | { type: string; data: { object: StripeObject; previous_attributes?: Record<string, unknown> } };

export function completeEvent(event: EventInput): StripeObject {
  if ("object" in event && event.object === "event" && "id" in event) return event as StripeObject;
  const { type, data } = event as { type: string; data: { object: StripeObject; previous_attributes?: Record<string, unknown> } };
  return buildEvent(type, data.object, data.previous_attributes);
}

export interface WebhookSendResult {
  status: number;
  body: string;
  /** The exact JSON bytes that were signed and sent. */
  payload: string;
  /** The Stripe-Signature header that was sent. */
  signatureHeader: string;
  event: StripeObject;
}

/**
 * POSTs an event to `targetUrl` the way Stripe does: JSON body and a
 * `Stripe-Signature: t=…,v1=…` header from stripe.webhooks.generateTestHeaderString.
 */
export async function sendSignedWebhook(
  targetUrl: string,
  event: EventInput,
  webhookSecret: string,
  options: { timestamp?: number } = {},
): Promise<WebhookSendResult> {
  const full = completeEvent(event);
  const payload = JSON.stringify(full, null, 2);
  const signatureHeader = signer.webhooks.generateTestHeaderString({
    payload,
    secret: webhookSecret,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
  const response = await fetch(targetUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "stripe-signature": signatureHeader,
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    },
    body: payload,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text(), payload, signatureHeader, event: full };
}
