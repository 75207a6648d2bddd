/**
 * Issued invoices and credit notes are e-mailed to the customer's billing
 * contact with the PDF attached and a signed link to it. Each document is
 * mailed once: `emailedAt` is claimed with a conditional update in the
 * caller's transaction, so a retried issue or two workers never send twice.
 * The outbox row is written in that same transaction (it is delivered after
 * commit, or by the outbox drain if the hand-off is lost).
 */
import type { DbOrTx } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { brandedEmail, emailButton, escapeHtml } from "@/server/mail/templates/layout";
import { amountDue } from "../invoices/invoice-json";
import { currencyString } from "../money/currency";
import { documentUrl } from "./document-links";
import { roundingNotes } from "./invoice-pdf";

export interface DocumentLinkConfig {
  appUrl: string;
  secret: string;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

/** Queues the invoice e-mail once; returns the outbox id, or null (no billing e-mail, a draft, or already mailed). */
export async function enqueueInvoiceEmail(tx: DbOrTx, invoiceId: string, cfg: DocumentLinkConfig, now: Date = new Date()): Promise<string | null> {
  const invoice = await tx.billingInvoice.findUnique({ where: { id: invoiceId }, include: { customer: { select: { email: true, name: true } } } });
  if (!invoice?.number || !invoice.customer.email) return null;
  const claimed = await tx.billingInvoice.updateMany({ where: { id: invoiceId, emailedAt: null }, data: { emailedAt: now } });
  if (claimed.count === 0) return null;
  const link = documentUrl("invoice", invoice.id, cfg);
  const total = `${invoice.currency} ${currencyString(invoice.total, invoice.currency)}`;
  const due = `${invoice.currency} ${amountDue(invoice)}`;
  const settled = invoice.status === "paid";
  const lines = [
    `Hello ${invoice.customer.name},`,
    "",
    `Invoice ${invoice.number} was issued on ${day(invoice.issuedAt)}${invoice.periodStart ? ` for ${day(invoice.periodStart)} to ${day(invoice.periodEnd)}` : ""}.`,
    `Total: ${total}. ${settled ? "Nothing is due." : `Amount due: ${due}, by ${day(invoice.dueAt)}.`}`,
    "",
    `The invoice is attached as a PDF; you can also open it here: ${link}`,
    "",
    ...roundingNotes(invoice.currency),
  ];
  return enqueueEmail(tx, {
    to: invoice.customer.email,
    subject: `Invoice ${invoice.number}: ${total}`,
    text: lines.join("\n"),
    html: brandedEmail({
      title: `Invoice ${invoice.number}`,
      bodyHtml: `<p>${escapeHtml(lines[0]!)}</p><p>${escapeHtml(lines[2]!)}<br>${escapeHtml(lines[3]!)}</p><p>${emailButton("Open the invoice (PDF)", link)}</p>${roundingNotes(invoice.currency).map((note) => `<p style="font-size:12px;color:#6b7280">${escapeHtml(note)}</p>`).join("")}`,
      footer: "You receive invoices as the billing contact of this account.",
    }),
    category: "billing-invoice",
    attachments: [{ kind: "billing_invoice", id: invoice.id }],
  });
}

/** Queues the credit-note e-mail once; returns the outbox id or null. */
export async function enqueueCreditNoteEmail(tx: DbOrTx, creditNoteId: string, cfg: DocumentLinkConfig, now: Date = new Date()): Promise<string | null> {
  const note = await tx.billingCreditNote.findUnique({ where: { id: creditNoteId }, include: { invoice: { include: { customer: { select: { email: true, name: true } } } } } });
  if (!note?.invoice.customer.email) return null;
  const claimed = await tx.billingCreditNote.updateMany({ where: { id: creditNoteId, emailedAt: null }, data: { emailedAt: now } });
  if (claimed.count === 0) return null;
  const link = documentUrl("credit_note", note.id, cfg);
  const currency = note.invoice.currency;
  const lines = [
    `Hello ${note.invoice.customer.name},`,
    "",
    `Credit note ${note.number} on invoice ${note.invoice.number ?? ""}: ${currency} ${currencyString(note.total, currency)} (${note.reason}).`,
    `Taken off what is owed: ${currency} ${currencyString(note.creditAmount, currency)}. Refunded to your card: ${currency} ${currencyString(note.refundAmount, currency)}.`,
    "",
    `The credit note is attached as a PDF; you can also open it here: ${link}`,
  ];
  return enqueueEmail(tx, {
    to: note.invoice.customer.email,
    subject: `Credit note ${note.number}: ${currency} ${currencyString(note.total, currency)}`,
    text: lines.join("\n"),
    html: brandedEmail({
      title: `Credit note ${note.number}`,
      bodyHtml: `<p>${escapeHtml(lines[0]!)}</p><p>${escapeHtml(lines[2]!)}<br>${escapeHtml(lines[3]!)}</p><p>${emailButton("Open the credit note (PDF)", link)}</p>`,
      footer: "You receive credit notes as the billing contact of this account.",
    }),
    category: "billing-credit-note",
    attachments: [{ kind: "billing_credit_note", id: note.id }],
  });
}
