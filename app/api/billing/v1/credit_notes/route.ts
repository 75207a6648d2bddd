import { apiCreditNoteSchema } from "@/lib/validators/billing-api";
import { billingApi, jsonResponse, pageMeta, pagingFrom, readJson } from "@/server/billing/api/api-handler";
import { signedDocumentUrl } from "@/server/billing/api/document-url";
import { dispatchCreditNoteEmail } from "@/server/billing/documents/dispatch-document-email";
import { lagoCreditNoteJson } from "@/server/billing/lago/credit-note-json";
import { createLagoCreditNote } from "@/server/billing/lago/create-credit-note";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";

const NOTE_INCLUDE = { invoice: { include: { lines: true } } } as const;

// POST /api/billing/v1/credit_notes – Lago's credit note: items per fee, credit_amount_cents off what is owed, refund_amount_cents to the card
export const POST = billingApi("credit_notes.create", async ({ request, service }) => {
  const { credit_note: input } = apiCreditNoteSchema.parse(await readJson(request));
  const created = await createLagoCreditNote(db, stripeFromConfig(appEnv.billing()), service.id, input);
  await dispatchCreditNoteEmail(created.id);
  const note = await db.billingCreditNote.findUniqueOrThrow({ where: { id: created.id }, include: NOTE_INCLUDE });
  return jsonResponse(200, { credit_note: lagoCreditNoteJson(note, { fileUrl: signedDocumentUrl("credit_note", note.id) }) });
});

// GET /api/billing/v1/credit_notes – credit notes on the service's invoices (?external_customer_id=)
export const GET = billingApi("credit_notes.list", async ({ request, service }) => {
  const url = new URL(request.url);
  const paging = pagingFrom(url);
  const externalCustomer = url.searchParams.get("external_customer_id");
  const where = {
    invoice: {
      subscription: { serviceId: service.id },
      ...(externalCustomer ? { customer: { billingAccountLinks: { some: { serviceId: service.id, externalId: externalCustomer } } } } : {}),
    },
  };
  const [rows, total] = await Promise.all([
    db.billingCreditNote.findMany({ where, include: NOTE_INCLUDE, orderBy: { createdAt: "desc" }, skip: (paging.page - 1) * paging.pageSize, take: paging.pageSize }),
    db.billingCreditNote.count({ where }),
  ]);
  return jsonResponse(200, {
    credit_notes: rows.map((n) => lagoCreditNoteJson(n, { fileUrl: signedDocumentUrl("credit_note", n.id) })),
    meta: pageMeta({ total, ...paging }),
  });
});
