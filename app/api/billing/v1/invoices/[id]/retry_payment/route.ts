import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { dispatchBillingEvents } from "@/server/billing/dispatch";
import { getInvoiceOrThrow } from "@/server/billing/invoices/invoices";
import { serviceInvoiceJson } from "@/server/billing/lago/service-invoice";
import { retryInvoicePayment } from "@/server/billing/payments/charge-invoice";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";

// POST /api/billing/v1/invoices/:lago_id/retry_payment – charge an open or uncollectible invoice again now
export const POST = billingApi<{ id: string }>("invoices.retry_payment", async ({ service, params }) => {
  await getInvoiceOrThrow(db, params.id, { serviceId: service.id });
  const cfg = appEnv.billing();
  const outcome = await retryInvoicePayment(db, stripeFromConfig(cfg), params.id, { dunningScheduleMs: cfg.dunningScheduleMs });
  await dispatchBillingEvents(outcome.eventIds);
  return jsonResponse(200, { invoice: await serviceInvoiceJson(db, service.id, params.id), payment_status: outcome.status });
});
