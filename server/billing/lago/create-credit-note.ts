/**
 * Lago's POST /credit_notes onto our credit notes. Every amount field is
 * honoured or refused by name:
 * - items (fee_id, amount_cents) are pre-tax amounts of the invoice's lines;
 *   tax is added at the invoice's rate, once on their sum;
 * - credit_amount_cents comes off what is still owed, refund_amount_cents is
 *   paid back to the card; together they must equal the items plus tax;
 * - with neither items nor amounts, everything still creditable is credited.
 */
import type Stripe from "stripe";
import type { z } from "zod";
import type { apiCreditNoteSchema } from "@/lib/validators/billing-api";
import type { Db } from "@/server/db";
import { currencyString, roundToCurrency } from "../money/currency";
import { createCreditNote } from "../credit-notes/create-credit-note";
import { refuseField } from "../errors";
import { getInvoiceOrThrow } from "../invoices/invoices";
import { dec } from "../wire";
import { fromCents } from "./minor-units";

type Input = z.output<typeof apiCreditNoteSchema>["credit_note"];

const FIELDS = { credit: "credit_note.credit_amount_cents", refund: "credit_note.refund_amount_cents", total: "credit_note.credit_amount_cents" };

export async function createLagoCreditNote(db: Db, stripe: Stripe | null, serviceId: string, input: Input) {
  const invoice = await getInvoiceOrThrow(db, input.invoice_id, { serviceId });
  const currency = invoice.currency;
  const reason = input.description || input.reason || "other";
  const hasSplit = input.credit_amount_cents != null || input.refund_amount_cents != null;
  if (input.amount !== undefined && (hasSplit || input.items)) {
    refuseField("credit_note.amount", "Send either amount or Lago's credit_amount_cents / refund_amount_cents / items, not both");
  }
  if (!hasSplit && !input.items) {
    return createCreditNote(db, stripe, { invoiceId: invoice.id, amount: input.amount, reason });
  }

  let subtotal: string | undefined;
  let itemTotal: string | undefined;
  let items: Array<{ lineId: string; amount: string }> | undefined;
  if (input.items && input.items.length > 0) {
    const lines = new Map(invoice.lines.map((l) => [l.id, l]));
    items = input.items.map((item, i) => {
      const line = lines.get(item.fee_id);
      if (!line) refuseField(`credit_note.items.${i}.fee_id`, `Fee ${item.fee_id} is not a line of invoice ${invoice.number ?? invoice.id}`);
      const amount = fromCents(item.amount_cents, currency, `credit_note.items.${i}.amount_cents`);
      if (amount.greaterThan(dec(line.amount))) {
        refuseField(`credit_note.items.${i}.amount_cents`, `At most ${currencyString(line.amount, currency)} can be credited on this line`);
      }
      return { lineId: line.id, amount: amount.toFixed() };
    });
    const net = items.reduce((sum, item) => sum.plus(item.amount), dec("0"));
    const tax = invoice.taxBehaviour === "inclusive" ? dec("0") : roundToCurrency(net.times(dec(invoice.taxRatePercent).dividedBy(100)), currency);
    subtotal = invoice.taxBehaviour === "inclusive" ? undefined : currencyString(net, currency);
    itemTotal = currencyString(net.plus(tax), currency);
  }

  const credit = input.credit_amount_cents != null ? fromCents(input.credit_amount_cents, currency, FIELDS.credit) : null;
  const refund = input.refund_amount_cents != null ? fromCents(input.refund_amount_cents, currency, FIELDS.refund) : null;
  let total: string;
  if (credit !== null || refund !== null) {
    total = currencyString((credit ?? dec("0")).plus(refund ?? dec("0")), currency);
    if (itemTotal !== undefined && total !== itemTotal) {
      refuseField(
        "credit_note.items",
        `The items with tax come to ${itemTotal}, but credit_amount_cents + refund_amount_cents come to ${total}; they must be equal`,
      );
    }
  } else {
    total = itemTotal!;
  }
  return createCreditNote(db, stripe, {
    invoiceId: invoice.id,
    amount: total,
    reason,
    items,
    shape: {
      ...(credit !== null || refund !== null ? { creditAmount: currencyString(credit ?? dec(total).minus(refund ?? dec("0")), currency) } : {}),
      ...(subtotal !== undefined ? { subtotal } : {}),
      fields: FIELDS,
    },
  });
}
