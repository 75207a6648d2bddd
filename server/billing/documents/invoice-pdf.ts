/** The printed invoice and credit note: what the e-mail attaches and the document link serves. */
import type { DbOrTx } from "@/server/db";
import { BillingError, notFound } from "../errors";
import { amountDue } from "../invoices/invoice-json";
import { currencyString, exactMoneyString } from "../money/currency";
import { dec, decimalString } from "../wire";
import { chargeStepNote } from "../payments/stripe-amount";
import { renderDocumentPdf } from "./render-pdf";

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

export const ROUNDING_NOTE =
  "Rounding: unit prices and line amounts are exact; their sum is rounded half-up once to the currency's minor unit, and tax is computed once on it.";

/** The rounding policy as printed on an invoice in `currency` (plus how card payments round in KWD-like currencies). */
export function roundingNotes(currency: string): string[] {
  const step = chargeStepNote(currency);
  return step ? [ROUNDING_NOTE, step] : [ROUNDING_NOTE];
}

function billToRows(billTo: unknown, fallback: { name: string }): string[] {
  const b = (billTo ?? {}) as Record<string, string | null | undefined>;
  const cityLine = [b.city, b.region, b.postalCode].filter(Boolean).join(" ");
  return [b.name ?? fallback.name, b.addressLine1, b.addressLine2, cityLine, b.country, b.taxId ? `Tax id ${b.taxId}` : null].filter(
    (v): v is string => Boolean(v),
  );
}

export async function renderInvoicePdf(db: DbOrTx, invoiceId: string): Promise<{ filename: string; bytes: Uint8Array }> {
  const invoice = await db.billingInvoice.findUnique({
    where: { id: invoiceId },
    include: { lines: { orderBy: { position: "asc" } }, customer: true, subscription: { select: { externalId: true } } },
  });
  if (!invoice) throw notFound("Invoice", invoiceId);
  if (!invoice.number) throw new BillingError("invalid_state", "A draft invoice has no PDF until it is issued");
  const money = (v: { toFixed(): string }) => `${invoice.currency} ${currencyString(v, invoice.currency)}`;
  const bytes = await renderDocumentPdf({
    title: `Invoice ${invoice.number}${invoice.status === "void" ? " (VOID)" : ""}`,
    facts: [
      ["Issued", day(invoice.issuedAt)],
      ["Due", day(invoice.dueAt)],
      ...(invoice.periodStart ? ([["Period", `${day(invoice.periodStart)} to ${day(invoice.periodEnd)}`]] as Array<[string, string]>) : []),
      ...(invoice.subscription ? ([["Subscription", invoice.subscription.externalId]] as Array<[string, string]>) : []),
    ],
    billTo: billToRows(invoice.billTo, invoice.customer),
    lines: invoice.lines.map((l) => ({
      description: l.description,
      quantity: decimalString(l.kind === "usage" ? l.quantity : l.units),
      unitPrice: decimalString(l.unitPrice),
      // Lines are exact (0.015); only the totals below are rounded, once.
      amount: `${invoice.currency} ${exactMoneyString(l.amount, invoice.currency)}`,
    })),
    totals: [
      ["Subtotal", money(invoice.subtotal)],
      [`Tax (${decimalString(invoice.taxRatePercent)}%${invoice.taxBehaviour === "inclusive" ? ", included" : ""})`, money(invoice.taxAmount)],
      ["Total", money(invoice.total)],
      ...(dec(invoice.amountPaid).isZero() ? [] : ([["Paid", money(invoice.amountPaid)]] as Array<[string, string]>)),
      ...(dec(invoice.amountCredited).isZero() ? [] : ([["Credited", money(invoice.amountCredited)]] as Array<[string, string]>)),
      ...(dec(invoice.amountCarried).isZero() ? [] : ([["Carried to the next invoice", money(invoice.amountCarried)]] as Array<[string, string]>)),
      ["Amount due", invoice.status === "void" ? money(dec(0)) : `${invoice.currency} ${amountDue(invoice)}`],
    ],
    notes: roundingNotes(invoice.currency),
  });
  return { filename: `${invoice.number}.pdf`, bytes };
}

export async function renderCreditNotePdf(db: DbOrTx, creditNoteId: string): Promise<{ filename: string; bytes: Uint8Array }> {
  const note = await db.billingCreditNote.findUnique({ where: { id: creditNoteId }, include: { invoice: { include: { customer: true } } } });
  if (!note) throw notFound("Credit note", creditNoteId);
  const currency = note.invoice.currency;
  const money = (v: { toFixed(): string }) => `${currency} ${currencyString(v, currency)}`;
  const bytes = await renderDocumentPdf({
    title: `Credit note ${note.number}`,
    facts: [
      ["Issued", day(note.createdAt)],
      ["Invoice", note.invoice.number ?? note.invoiceId],
      ["Reason", note.reason],
    ],
    billTo: billToRows(note.invoice.billTo, note.invoice.customer),
    lines: [{ description: `Credit on invoice ${note.invoice.number ?? ""}`, quantity: "1", unitPrice: currencyString(note.subtotal, currency), amount: money(note.subtotal) }],
    totals: [
      ["Subtotal", money(note.subtotal)],
      ["Tax", money(note.taxAmount)],
      ["Credited to the balance", money(note.creditAmount)],
      ["Refunded to the card", money(note.refundAmount)],
      ["Total", money(note.total)],
    ],
    notes: [ROUNDING_NOTE],
  });
  return { filename: `${note.number}.pdf`, bytes };
}
