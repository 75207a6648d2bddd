import { db } from "@/server/db";
import { enqueueDuePaymentSummaries } from "@/server/crm/payments/weekly-payment-summary";
import { inngest } from "../client";
import { crmSyncRequested } from "../events";

/** Hourly: queues the weekly payment summaries of connections whose day and hour (their settings) have come. */
export const sendCrmPaymentSummaries = inngest.createFunction(
  { id: "send-crm-payment-summaries", triggers: [{ cron: "5 * * * *" }] },
  async ({ step }) => {
    const result = await step.run("queue-due-summaries", () => enqueueDuePaymentSummaries(db));
    if (result.connectionIds.length) {
      await step.sendEvent("wake-queue-workers", result.connectionIds.map((connectionId) => crmSyncRequested.create({ connectionId })));
    }
    return result;
  },
);
