import { apiCreditNoteSchema } from "@/lib/validators/billing-api";
import { billingApi, jsonResponse, pageMeta, pagingFrom, readJson } from "@/server/billing/api/api-handler";
import { billingConfig } from "@/server/billing/billing-config";
import { createCreditNote } from "@/server/billing/credit-notes/create-credit-note";
import { creditNoteJson } from "@/server/billing/invoices/invoice-json";
import { getInvoiceOrThrow } from "@/server/billing/invoices/invoices";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { db } from "@/server/db";

// POST /api/billing/v1/credit_notes – credit all or part of an invoice (refunded to the card when it was paid)
export const POST = billingApi("credit_notes.create", async ({ request, service }) => {
  const { credit_note: input } = apiCreditNoteSchema.parse(await readJson(request));
  await getInvoiceOrThrow(db, input.invoice_id, { serviceId: service.id });
  const note = await createCreditNote(db, stripeFromConfig(billingConfig()), {
    invoiceId: input.invoice_id,
    amount: input.amount,
    reason: input.reason,
  });
  return jsonResponse(201, { credit_note: creditNoteJson(note) });
});

// GET /api/billing/v1/credit_notes – credit notes on the service's invoices
export const GET = billingApi("credit_notes.list", async ({ request, service }) => {
  const paging = pagingFrom(new URL(request.url));
  const where = { invoice: { subscription: { serviceId: service.id } } };
  const [rows, total] = await Promise.all([
    db.billingCreditNote.findMany({ where, orderBy: { createdAt: "desc" }, skip: (paging.page - 1) * paging.pageSize, take: paging.pageSize }),
    db.billingCreditNote.count({ where }),
  ]);
  return jsonResponse(200, { credit_notes: rows.map(creditNoteJson), meta: pageMeta({ total, ...paging }) });
});
