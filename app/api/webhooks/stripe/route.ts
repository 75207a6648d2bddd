import { dispatchBillingEvents } from "@/server/billing/dispatch";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { receiveStripeWebhook } from "@/server/billing/payments/receive-stripe-webhook";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { mapError } from "@/server/errors/map-error";
import { BODY_LIMITS, readBodyText } from "@/server/http/read-body";

// POST /api/webhooks/stripe – Stripe events: verify the signature, deduplicate by event id, store, apply
export async function POST(request: Request): Promise<Response> {
  const cfg = appEnv.billing();
  let rawBody: string;
  try {
    rawBody = await readBodyText(request, BODY_LIMITS.json);
  } catch (error) {
    const mapped = mapError(error, "stripe.webhook");
    return Response.json({ code: mapped.code, message: mapped.message }, { status: mapped.status });
  }
  const result = await receiveStripeWebhook(db, {
    rawBody,
    signatureHeader: request.headers.get("stripe-signature"),
    webhookSecret: cfg.stripeWebhookSecret,
    stripe: stripeFromConfig(cfg),
    dunningScheduleMs: cfg.dunningScheduleMs,
  });
  await dispatchBillingEvents(result.eventIds);
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
