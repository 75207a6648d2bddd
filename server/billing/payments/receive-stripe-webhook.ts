/**
 * POST /api/webhooks/stripe behind the route: verify the signature over the
 * raw body, store the event by its id (a redelivery is recognised and
 * skipped), then apply it. A failure to apply is kept on the stored event and
 * answered with 500 so Stripe delivers it again.
 */
import Stripe from "stripe";
import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { logger } from "@/server/logger";
import { applyStripeEvent } from "./apply-stripe-event";

export interface StripeWebhookInput {
  rawBody: string;
  signatureHeader: string | null;
  webhookSecret: string | null;
  stripe: Stripe | null;
  dunningScheduleMs: readonly number[];
  now?: Date;
}

export interface StripeWebhookResult {
  status: number;
  body: { code?: string; message: string; details?: Record<string, unknown>; received?: boolean; duplicate?: boolean };
  /** Outbound billing events to dispatch. */
  eventIds: string[];
}

// Verification needs no network; any key works for the SDK's helper.
const verifier = new Stripe("sk_test_signature_verification_only");

export async function receiveStripeWebhook(db: Db, input: StripeWebhookInput): Promise<StripeWebhookResult> {
  if (!input.webhookSecret) {
    return { status: 503, body: { code: "not_configured", message: "STRIPE_WEBHOOK_SECRET is not set" }, eventIds: [] };
  }
  if (!input.signatureHeader) {
    return { status: 400, body: { code: "missing_signature", message: "The Stripe-Signature header is missing" }, eventIds: [] };
  }
  let event: Stripe.Event;
  try {
    event = (input.stripe ?? verifier).webhooks.constructEvent(input.rawBody, input.signatureHeader, input.webhookSecret);
  } catch (error) {
    return {
      status: 400,
      body: { code: "invalid_signature", message: error instanceof Error ? error.message : "The signature does not match" },
      eventIds: [],
    };
  }

  const { count } = await db.stripeEvent.createMany({
    data: [{ id: event.id, type: event.type, payload: JSON.parse(input.rawBody) as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (count === 0) {
    const stored = await db.stripeEvent.findUnique({ where: { id: event.id }, select: { processedAt: true } });
    if (stored?.processedAt) {
      return { status: 200, body: { message: `Event ${event.id} was already processed`, received: true, duplicate: true }, eventIds: [] };
    }
  }

  try {
    const result = await applyStripeEvent({ db, stripe: input.stripe, dunningScheduleMs: input.dunningScheduleMs, now: input.now }, event);
    await db.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date(), error: result.handled ? null : (result.note ?? null) } });
    return { status: 200, body: { message: result.handled ? "Processed" : "Received", received: true }, eventIds: result.eventIds };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error("billing.stripe_event_failed", { eventId: event.id, type: event.type, error: message });
    await db.stripeEvent.update({ where: { id: event.id }, data: { error: message } });
    return { status: 500, body: { code: "processing_failed", message: "The event could not be applied; Stripe will retry" }, eventIds: [] };
  }
}
