import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { signedDocumentUrl } from "@/server/billing/api/document-url";
import { notFound } from "@/server/billing/errors";
import { lagoCreditNoteJson } from "@/server/billing/lago/credit-note-json";
import { db } from "@/server/db";

// GET /api/billing/v1/credit_notes/:lago_id – one credit note on the service's invoices
export const GET = billingApi<{ id: string }>("credit_notes.get", async ({ service, params }) => {
  const note = await db.billingCreditNote.findFirst({
    where: { id: params.id, invoice: { subscription: { serviceId: service.id } } },
    include: { invoice: { include: { lines: true } } },
  });
  if (!note) throw notFound("Credit note", params.id);
  return jsonResponse(200, { credit_note: lagoCreditNoteJson(note, { fileUrl: signedDocumentUrl("credit_note", note.id) }) });
});
