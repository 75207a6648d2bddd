import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { BillingError } from "@/server/billing/errors";
import { getInvoiceOrThrow } from "@/server/billing/invoices/invoices";
import { serviceInvoiceJson } from "@/server/billing/lago/service-invoice";
import { db } from "@/server/db";

// POST /api/billing/v1/invoices/:lago_id/download – as Lago: the invoice with file_url, a signed link to its PDF
export const POST = billingApi<{ id: string }>("invoices.download", async ({ service, params }) => {
  const invoice = await getInvoiceOrThrow(db, params.id, { serviceId: service.id });
  if (!invoice.number) throw new BillingError("invalid_state", "A draft invoice has no PDF until it is issued");
  return jsonResponse(200, { invoice: await serviceInvoiceJson(db, service.id, params.id) });
});
