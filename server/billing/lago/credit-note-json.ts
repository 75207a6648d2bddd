/** A credit note as Lago returns it (CreditNoteObject), amounts in the invoice currency's minor units. */
import { LAGO_CREDIT_NOTE_REASONS } from "@/lib/validators/billing-api";
import type { BillingCreditNote, BillingInvoice, BillingInvoiceLine } from "@/server/generated/prisma/client";
import { dec } from "../wire";
import { lagoFeeJson } from "./invoice-json";
import { toCents } from "./minor-units";

type NoteRow = BillingCreditNote & { invoice: BillingInvoice & { lines?: BillingInvoiceLine[] } };

function storedItems(value: unknown): Array<{ lineId: string; amount: string }> {
  return Array.isArray(value) ? (value as Array<{ lineId: string; amount: string }>).filter((i) => typeof i?.lineId === "string") : [];
}

export function lagoCreditNoteJson(note: NoteRow, opts: { fileUrl?: string | null } = {}) {
  const currency = note.invoice.currency;
  const cents = (v: { toFixed(): string }) => toCents(dec(v), currency);
  const lines = new Map((note.invoice.lines ?? []).map((l) => [l.id, l]));
  const lagoReason = (LAGO_CREDIT_NOTE_REASONS as readonly string[]).includes(note.reason) ? note.reason : "other";
  return {
    lago_id: note.id,
    billing_entity_code: null,
    sequential_id: Number(/\d+$/.exec(note.number)?.[0] ?? 0),
    number: note.number,
    lago_invoice_id: note.invoiceId,
    invoice_number: note.invoice.number ?? "",
    issuing_date: note.createdAt.toISOString().slice(0, 10),
    credit_status: dec(note.creditAmount).isZero() ? null : ("available" as const),
    refund_status: dec(note.refundAmount).isZero() ? null : note.stripeRefundId ? ("succeeded" as const) : ("pending" as const),
    reason: lagoReason,
    description: note.reason,
    currency,
    total_amount_cents: cents(note.total),
    precise_total_amount_cents: dec(note.total).times(100).toFixed(),
    taxes_amount_cents: cents(note.taxAmount),
    taxes_rate: Number(note.invoice.taxRatePercent.toFixed()),
    sub_total_excluding_taxes_amount_cents: cents(note.subtotal),
    balance_amount_cents: cents(note.creditAmount),
    credit_amount_cents: cents(note.creditAmount),
    refund_amount_cents: cents(note.refundAmount),
    offset_amount_cents: 0,
    coupons_adjustment_amount_cents: 0,
    created_at: note.createdAt.toISOString(),
    updated_at: note.createdAt.toISOString(),
    file_url: opts.fileUrl ?? null,
    items: storedItems(note.items).map((item, i) => {
      const line = lines.get(item.lineId);
      return {
        lago_id: `${note.id}_${i}`,
        amount_cents: toCents(dec(item.amount), currency),
        amount_currency: currency,
        fee: line ? lagoFeeJson(line, note.invoice, null) : null,
      };
    }),
  };
}
