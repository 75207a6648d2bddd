import { billingApi, jsonResponse, pageMeta, pagingFrom } from "@/server/billing/api/api-handler";
import { signedDocumentUrl } from "@/server/billing/api/document-url";
import { lagoInvoiceJson } from "@/server/billing/lago/invoice-json";
import { listLagoInvoices } from "@/server/billing/lago/list-invoices";
import { db } from "@/server/db";

// GET /api/billing/v1/invoices – the service's invoices with Lago's filters
// (external_customer_id, statuses[], payment_statuses[], issuing_date_from/to, currency, search_term, amount_from/to)
export const GET = billingApi("invoices.list", async ({ request, service }) => {
  const url = new URL(request.url);
  const paging = pagingFrom(url);
  const result = await listLagoInvoices(db, service.id, url.searchParams, paging);
  return jsonResponse(200, {
    invoices: result.rows.map((r) => lagoInvoiceJson(r, { fileUrl: r.number ? signedDocumentUrl("invoice", r.id) : null })),
    meta: pageMeta({ total: result.total, ...paging }),
  });
});
