import { attemptWebhookDelivery } from "@/server/billing/webhooks/deliver-webhook";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { inngest } from "../client";
import { billingWebhookQueued } from "../events";

/**
 * The first attempt of an outbound billing webhook, at once. A failure is
 * recorded with its next attempt time (retry schedule) and the drain cron
 * makes the later attempts, so this function itself never retries.
 */
export const deliverBillingWebhook = inngest.createFunction(
  { id: "deliver-billing-webhook", retries: 0, triggers: [billingWebhookQueued] },
  async ({ event, step }) =>
    step.run("send-signed-webhook", () => {
      const cfg = appEnv.billing();
      return attemptWebhookDelivery(db, event.data.deliveryId, {
        scheduleMs: cfg.webhookRetryScheduleMs,
        allowLoopback: cfg.allowLoopbackWebhooks,
      });
    }),
);
