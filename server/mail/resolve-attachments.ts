/**
 * Attachments are stored as references and rendered when the message is
 * sent, so the outbox row holds no file bytes and a retry sends the same
 * document (issued invoices and credit notes never change).
 */
import type { DbOrTx } from "@/server/db";
import { renderCreditNotePdf, renderInvoicePdf } from "@/server/billing/documents/invoice-pdf";

export interface EmailAttachmentRef {
  kind: "billing_invoice" | "billing_credit_note";
  id: string;
}

export async function resolveAttachments(db: DbOrTx, stored: unknown): Promise<Array<{ filename: string; content: Buffer; contentType: string }>> {
  if (!Array.isArray(stored)) return [];
  const out = [];
  for (const ref of stored as EmailAttachmentRef[]) {
    const doc =
      ref?.kind === "billing_invoice" ? await renderInvoicePdf(db, ref.id) : ref?.kind === "billing_credit_note" ? await renderCreditNotePdf(db, ref.id) : null;
    if (doc) out.push({ filename: doc.filename, content: Buffer.from(doc.bytes), contentType: "application/pdf" });
  }
  return out;
}
