import { billingApi, jsonResponse, readJson } from "@/server/billing/api/api-handler";
import { refuseField } from "@/server/billing/errors";
import { getInvoiceOrThrow, voidInvoice } from "@/server/billing/invoices/invoices";
import { serviceInvoiceJson } from "@/server/billing/lago/service-invoice";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";

// POST /api/billing/v1/invoices/:lago_id/void – void an issued invoice nothing was paid on
export const POST = billingApi<{ id: string }>("invoices.void", async ({ request, service, params }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  // Lago can turn a void into a credit note or refund; here a paid invoice is reversed with POST /credit_notes instead.
  for (const field of ["generate_credit_note", "refund_amount", "credit_amount"]) {
    if (body[field] !== undefined && body[field] !== null && body[field] !== false) {
      refuseField(field, `${field} is not supported: void unpaid invoices; reverse paid ones with POST /credit_notes`);
    }
  }
  await getInvoiceOrThrow(db, params.id, { serviceId: service.id });
  await voidInvoice(db, stripeFromConfig(appEnv.billing()), params.id);
  return jsonResponse(200, { invoice: await serviceInvoiceJson(db, service.id, params.id) });
});
