import { INVOICE_STATUSES, type InvoiceStatus } from "@/lib/validators/billing";
import { billingApi, jsonResponse, pageMeta, pagingFrom } from "@/server/billing/api/api-handler";
import { BillingError } from "@/server/billing/errors";
import { invoiceJson } from "@/server/billing/invoices/invoice-json";
import { listInvoices } from "@/server/billing/invoices/invoices";
import { db } from "@/server/db";

// GET /api/billing/v1/invoices – the service's invoices (?external_customer_id=, ?status=, ?page=, ?per_page=)
export const GET = billingApi("invoices.list", async ({ request, service }) => {
  const url = new URL(request.url);
  const paging = pagingFrom(url);
  const status = url.searchParams.get("status");
  if (status && !(INVOICE_STATUSES as readonly string[]).includes(status)) {
    throw new BillingError("invalid_request", `status must be one of ${INVOICE_STATUSES.join(", ")}`);
  }
  let customerId: string | undefined;
  const externalCustomer = url.searchParams.get("external_customer_id");
  if (externalCustomer) {
    const link = await db.billingAccountLink.findUnique({
      where: { serviceId_externalId: { serviceId: service.id, externalId: externalCustomer } },
      select: { customerId: true },
    });
    if (!link) throw new BillingError("not_found", `Customer ${externalCustomer} was not found`);
    customerId = link.customerId;
  }
  const result = await listInvoices(db, {
    serviceId: service.id,
    status: (status as InvoiceStatus | null) ?? undefined,
    customerId,
    ...paging,
  });
  return jsonResponse(200, { invoices: result.rows.map((r) => invoiceJson(r)), meta: pageMeta(result) });
});
