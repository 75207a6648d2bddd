import { chargeInvoice } from "@/server/billing/payments/charge-invoice";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { pendingDeliveryIds } from "@/server/billing/webhooks/pending-deliveries";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { inngest } from "../client";
import { billingInvoiceIssued, billingWebhookQueued } from "../events";

/**
 * Charges a newly issued invoice through Stripe. The step is safe to retry:
 * the attempt is reserved before Stripe is called and every Stripe request
 * carries the invoice's idempotency key.
 */
export const chargeBillingInvoice = inngest.createFunction(
  { id: "charge-billing-invoice", retries: 3, triggers: [billingInvoiceIssued] },
  async ({ event, step }) => {
    const outcome = await step.run("charge-invoice", () => {
      const cfg = appEnv.billing();
      return chargeInvoice(db, stripeFromConfig(cfg), event.data.invoiceId, { dunningScheduleMs: cfg.dunningScheduleMs });
    });
    const deliveryIds = await step.run("find-webhook-deliveries", () => pendingDeliveryIds(db, outcome.eventIds));
    if (deliveryIds.length > 0) {
      await step.sendEvent("queue-webhooks", deliveryIds.map((deliveryId) => billingWebhookQueued.create({ deliveryId })));
    }
    return outcome;
  },
);
