import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { creditNoteJson, invoiceJson, paymentJson } from "@/server/billing/invoices/invoice-json";
import { getInvoiceOrThrow } from "@/server/billing/invoices/invoices";
import { db } from "@/server/db";

// GET /api/billing/v1/invoices/:id – one of the service's invoices with lines, payments and credit notes
export const GET = billingApi<{ id: string }>("invoices.get", async ({ service, params }) => {
  const invoice = await getInvoiceOrThrow(db, params.id, { serviceId: service.id });
  return jsonResponse(200, {
    invoice: {
      ...invoiceJson(invoice),
      payments: invoice.payments.map(paymentJson),
      credit_notes: invoice.creditNotes.map(creditNoteJson),
    },
  });
});
