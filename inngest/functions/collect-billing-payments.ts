import { collectDuePayments } from "@/server/billing/payments/charge-invoice";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { pendingDeliveryIds } from "@/server/billing/webhooks/pending-deliveries";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { inngest } from "../client";
import { billingWebhookQueued } from "../events";

/**
 * Dunning: every 30 minutes, retries the payment of open invoices whose next
 * attempt (BILLING_DUNNING_SCHEDULE) is due; after the last retry an invoice
 * becomes uncollectible. Also charges issued invoices whose charge event was lost.
 */
export const collectBillingPayments = inngest.createFunction(
  { id: "collect-billing-payments", concurrency: { limit: 1 }, triggers: [{ cron: "*/30 * * * *" }] },
  async ({ step }) => {
    const result = await step.run("charge-due-invoices", () => {
      const cfg = appEnv.billing();
      return collectDuePayments(db, stripeFromConfig(cfg), { dunningScheduleMs: cfg.dunningScheduleMs });
    });
    const deliveryIds = await step.run("find-webhook-deliveries", () => pendingDeliveryIds(db, result.eventIds));
    if (deliveryIds.length > 0) {
      await step.sendEvent("queue-webhooks", deliveryIds.map((deliveryId) => billingWebhookQueued.create({ deliveryId })));
    }
    return { attempted: result.attempted };
  },
);
