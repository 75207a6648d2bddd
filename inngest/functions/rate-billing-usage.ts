import { closeDuePeriods } from "@/server/billing/rating/close-period";
import { rateOpenPeriods } from "@/server/billing/rating/rate-open-periods";
import { pendingDeliveryIds } from "@/server/billing/webhooks/pending-deliveries";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { inngest } from "../client";
import { billingInvoiceIssued, billingRatingRequested, billingWebhookQueued } from "../events";

/**
 * Usage rating: every 15 minutes (and on demand) each running period's draft
 * invoice is re-rated from its usage; periods that have ended are closed into
 * issued invoices, which are then queued for charging.
 */
export const rateBillingUsage = inngest.createFunction(
  { id: "rate-billing-usage", concurrency: { limit: 1 }, triggers: [billingRatingRequested, { cron: "*/15 * * * *" }] },
  async ({ event, step }) => {
    const subscriptionId =
      event.name === billingRatingRequested.name ? (event.data as { subscriptionId?: string }).subscriptionId : undefined;
    const closed = await step.run("close-ended-periods", async () => {
      if (subscriptionId) return { chargeableInvoiceIds: [], issuedInvoiceIds: [], eventIds: [], emailIds: [] };
      return closeDuePeriods(db, { dueDays: appEnv.billing().invoiceDueDays });
    });
    const rated = await step.run("rate-open-periods", () => rateOpenPeriods(db, { subscriptionId }));
    const deliveryIds = await step.run("find-webhook-deliveries", () => pendingDeliveryIds(db, [...closed.eventIds, ...rated.eventIds]));
    if (closed.chargeableInvoiceIds.length > 0) {
      await step.sendEvent(
        "charge-issued-invoices",
        closed.chargeableInvoiceIds.map((invoiceId) => billingInvoiceIssued.create({ invoiceId })),
      );
    }
    if (deliveryIds.length > 0) {
      await step.sendEvent("queue-webhooks", deliveryIds.map((deliveryId) => billingWebhookQueued.create({ deliveryId })));
    }
    return { issued: closed.issuedInvoiceIds.length, rated: rated.rated, webhooks: deliveryIds.length };
  },
);
