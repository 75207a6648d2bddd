import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { serviceInvoiceJson } from "@/server/billing/lago/service-invoice";
import { db } from "@/server/db";

// GET /api/billing/v1/invoices/:lago_id – one of the service's invoices with its fees
export const GET = billingApi<{ id: string }>("invoices.get", async ({ service, params }) => {
  return jsonResponse(200, { invoice: await serviceInvoiceJson(db, service.id, params.id) });
});
