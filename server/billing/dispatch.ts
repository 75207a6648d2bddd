/**
 * After-commit hand-off of billing work to Inngest. When Inngest cannot be
 * reached (no dev server on this machine), the work runs in this process
 * instead; either way nothing is lost: the crons (webhook drain, dunning)
 * pick up whatever is still due.
 */
import { inngest } from "@/inngest/client";
import { billingInvoiceIssued, billingWebhookQueued } from "@/inngest/events";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { chargeInvoice } from "./payments/charge-invoice";
import { stripeFromConfig } from "./payments/stripe-client";
import { attemptWebhookDelivery } from "./webhooks/deliver-webhook";

/** Queues the first attempt of every delivery of these events. Never throws. */
export async function dispatchBillingEvents(eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  try {
    const deliveries = await db.billingWebhookDelivery.findMany({
      where: { eventId: { in: [...eventIds] }, status: "pending" },
      select: { id: true },
    });
    if (deliveries.length === 0) return;
    await sendOrRunInline(
      "billing.webhooks",
      () => inngest.send(deliveries.map((d) => billingWebhookQueued.create({ deliveryId: d.id }))),
      () => {
        const cfg = appEnv.billing();
        // Not awaited by callers' responses: a slow endpoint must not slow an API call down.
        void Promise.all(
          deliveries.map((d) =>
            attemptWebhookDelivery(db, d.id, { scheduleMs: cfg.webhookRetryScheduleMs, allowLoopback: cfg.allowLoopbackWebhooks }).catch((err: unknown) =>
              logger.error("billing.webhook_inline_failed", { deliveryId: d.id, error: err instanceof Error ? err.message : String(err) }),
            ),
          ),
        );
      },
    );
  } catch (error) {
    logger.error("billing.dispatch_failed", { error: error instanceof Error ? error.message : String(error) });
  }
}

/** Queues the charge of newly issued invoices; charges inline when Inngest is unreachable. Never throws. */
export async function dispatchIssuedInvoices(invoiceIds: readonly string[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  await sendOrRunInline(
    "billing.charges",
    () => inngest.send(invoiceIds.map((invoiceId) => billingInvoiceIssued.create({ invoiceId }))),
    async () => {
      const cfg = appEnv.billing();
      const stripe = stripeFromConfig(cfg);
      for (const invoiceId of invoiceIds) {
        try {
          const outcome = await chargeInvoice(db, stripe, invoiceId, { dunningScheduleMs: cfg.dunningScheduleMs });
          await dispatchBillingEvents(outcome.eventIds);
        } catch (err) {
          logger.error("billing.charge_inline_failed", { invoiceId, error: err instanceof Error ? err.message : String(err) });
        }
      }
    },
  );
}
