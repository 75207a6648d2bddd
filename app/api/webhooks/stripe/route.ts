import { billingConfig } from "@/server/billing/billing-config";
import { dispatchBillingEvents } from "@/server/billing/dispatch";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { receiveStripeWebhook } from "@/server/billing/payments/receive-stripe-webhook";
import { db } from "@/server/db";

// POST /api/webhooks/stripe – Stripe events: verify the signature, deduplicate by event id, store, apply
export async function POST(request: Request): Promise<Response> {
  const cfg = billingConfig();
  const result = await receiveStripeWebhook(db, {
    rawBody: await request.text(),
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
