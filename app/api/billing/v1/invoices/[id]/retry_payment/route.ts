import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { billingConfig } from "@/server/billing/billing-config";
import { dispatchBillingEvents } from "@/server/billing/dispatch";
import { invoiceJson } from "@/server/billing/invoices/invoice-json";
import { getInvoiceOrThrow } from "@/server/billing/invoices/invoices";
import { retryInvoicePayment } from "@/server/billing/payments/charge-invoice";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { db } from "@/server/db";

// POST /api/billing/v1/invoices/:id/retry_payment – charge an open or uncollectible invoice again now
export const POST = billingApi<{ id: string }>("invoices.retry_payment", async ({ service, params }) => {
  await getInvoiceOrThrow(db, params.id, { serviceId: service.id });
  const cfg = billingConfig();
  const outcome = await retryInvoicePayment(db, stripeFromConfig(cfg), params.id, { dunningScheduleMs: cfg.dunningScheduleMs });
  await dispatchBillingEvents(outcome.eventIds);
  const invoice = await getInvoiceOrThrow(db, params.id, { serviceId: service.id });
  return jsonResponse(200, { invoice: invoiceJson(invoice), payment_status: outcome.status });
});
