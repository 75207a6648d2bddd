import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { billingConfig } from "@/server/billing/billing-config";
import { invoiceJson } from "@/server/billing/invoices/invoice-json";
import { getInvoiceOrThrow, voidInvoice } from "@/server/billing/invoices/invoices";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { db } from "@/server/db";

// POST /api/billing/v1/invoices/:id/void – void an issued invoice nothing was paid on
export const POST = billingApi<{ id: string }>("invoices.void", async ({ service, params }) => {
  await getInvoiceOrThrow(db, params.id, { serviceId: service.id });
  await voidInvoice(db, stripeFromConfig(billingConfig()), params.id);
  const invoice = await getInvoiceOrThrow(db, params.id, { serviceId: service.id });
  return jsonResponse(200, { invoice: invoiceJson(invoice) });
});
