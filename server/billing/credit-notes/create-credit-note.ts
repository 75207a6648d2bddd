/**
 * Credit notes reverse all or part of an issued invoice. The amount (tax
 * included) first comes off what is still owed; whatever exceeds that is paid
 * back to the card through a Stripe refund. Tax is split out of the amount at
 * the invoice's own rate, so the note's lines add up like the invoice's.
 */
import type Decimal from "decimal.js";
import type Stripe from "stripe";
import { creditNoteSchema, type CreditNoteInput } from "@/lib/validators/billing";
import type { Db } from "@/server/db";
import { generateToken } from "@/server/security/tokens";
import { BillingDecimal } from "../charges/decimal";
import { BillingError, invalidState, notFound } from "../errors";
import { nextDocumentNumber } from "../invoices/next-number";
import { lockInvoice } from "../payments/payment-outcome";
import { computeTax, percentToRate } from "../tax";
import { minorUnitProblem } from "@/lib/currency";
import { currencyString, fromMinorUnits, toMinorUnits } from "../money/currency";
import { chargeableAmount, stripeAmountStep } from "../payments/stripe-amount";
import { dec } from "../wire";

export interface CreditNotePlan {
  total: string;
  subtotal: string;
  tax: string;
  creditAmount: string;
  refundAmount: string;
}

/**
 * How the caller wants the note built (Lago's credit note): the part taken
 * off what is owed (the rest is refunded), and the pre-tax subtotal when it
 * comes from per-line items. Each is honoured or refused by name.
 */
export interface CreditNoteShape {
  creditAmount?: string;
  subtotal?: string;
  /** Field names to report errors under (Lago's *_amount_cents). */
  fields?: { credit: string; refund: string; total: string };
}

/** Splits a credit between the unpaid part and a refund; throws when it exceeds what can be credited. */
export function planCreditNote(invoice: {
  total: string;
  amountPaid: string;
  amountCredited: string;
  amountRefunded: string;
  /** Moved to a later invoice: no longer owed here, so it cannot be credited here either. */
  amountCarried?: string;
  taxRatePercent: string;
  currency: string;
}, requested: string | undefined, shape: CreditNoteShape = {}): CreditNotePlan {
  const money = (d: Decimal) => currencyString(d, invoice.currency);
  const unpaid = BillingDecimal.max(dec(invoice.total).minus(invoice.amountPaid).minus(invoice.amountCredited).minus(invoice.amountCarried ?? "0"), 0);
  const refundable = BillingDecimal.max(dec(invoice.amountPaid).minus(invoice.amountRefunded), 0);
  const creditable = unpaid.plus(refundable);
  const amount = requested === undefined ? creditable : dec(requested);
  const totalField = shape.fields?.total ?? "amount";
  const places = requested === undefined ? null : minorUnitProblem(requested, invoice.currency);
  if (places) throw new BillingError("validation_failed", places, { fieldErrors: { [totalField]: places } });
  if (amount.lessThanOrEqualTo(0)) {
    throw new BillingError("validation_failed", creditable.isZero() ? "Nothing is left to credit on this invoice" : "Amount must be greater than 0", {
      fieldErrors: { [totalField]: "Amount must be greater than 0" },
    });
  }
  if (amount.greaterThan(creditable)) {
    const message = `At most ${money(creditable)} can be credited on this invoice`;
    throw new BillingError("validation_failed", message, { fieldErrors: { [totalField]: message } });
  }
  const creditAmount = shape.creditAmount === undefined ? BillingDecimal.min(amount, unpaid) : dec(shape.creditAmount);
  if (shape.creditAmount !== undefined) {
    const fields = shape.fields ?? { credit: "credit_amount", refund: "refund_amount", total: "amount" };
    if (creditAmount.greaterThan(unpaid)) {
      const message = `At most ${money(unpaid)} is still owed on this invoice; refund the rest`;
      throw new BillingError("validation_failed", message, { fieldErrors: { [fields.credit]: message } });
    }
    if (amount.minus(creditAmount).greaterThan(refundable)) {
      const message = `At most ${money(refundable)} was paid and can be refunded`;
      throw new BillingError("validation_failed", message, { fieldErrors: { [fields.refund]: message } });
    }
  }
  // Stripe refunds KWD-like currencies only in steps of 10 minor units: a refund it would refuse is refused here, naming the field.
  const refundAmount = amount.minus(creditAmount);
  if (refundAmount.greaterThan(0) && !chargeableAmount(refundAmount, invoice.currency).remainder.isZero()) {
    const step = currencyString(fromMinorUnits(stripeAmountStep(invoice.currency), invoice.currency), invoice.currency);
    const message = `Card refunds in ${invoice.currency.toUpperCase()} go back in steps of ${invoice.currency.toUpperCase()} ${step} (Stripe's rule for three-decimal currencies); ${invoice.currency.toUpperCase()} ${money(refundAmount)} is not one`;
    throw new BillingError("validation_failed", message, { fieldErrors: { [shape.fields?.refund ?? totalField]: message } });
  }
  const split =
    shape.subtotal === undefined
      ? computeTax({ amount, rate: percentToRate(invoice.taxRatePercent), behaviour: "inclusive", currency: invoice.currency })
      : { net: dec(shape.subtotal), tax: amount.minus(shape.subtotal) };
  return {
    total: money(amount),
    subtotal: money(split.net),
    tax: money(split.tax),
    creditAmount: money(creditAmount),
    refundAmount: money(refundAmount),
  };
}

export async function createCreditNote(
  db: Db,
  stripe: Stripe | null,
  input: CreditNoteInput & { shape?: CreditNoteShape; items?: Array<{ lineId: string; amount: string }> },
  now: Date = new Date(),
) {
  const data = creditNoteSchema.parse(input);
  const invoice = await db.billingInvoice.findUnique({ where: { id: data.invoiceId } });
  if (!invoice) throw notFound("Invoice", data.invoiceId);
  if (invoice.status === "draft" || invoice.status === "void") {
    throw invalidState(`A ${invoice.status} invoice cannot be credited`);
  }
  const plan = planCreditNote(
    {
      total: invoice.total.toFixed(),
      amountPaid: invoice.amountPaid.toFixed(),
      amountCredited: invoice.amountCredited.toFixed(),
      amountRefunded: invoice.amountRefunded.toFixed(),
      amountCarried: invoice.amountCarried.toFixed(),
      taxRatePercent: invoice.taxRatePercent.toFixed(),
      currency: invoice.currency,
    },
    data.amount,
    input.shape,
  );

  // Refund first (idempotent per note id): if Stripe refuses, nothing is written.
  const noteId = `cn_${generateToken(12)}`;
  let refund: Stripe.Refund | null = null;
  let refundedPaymentId: string | null = null;
  if (dec(plan.refundAmount).greaterThan(0)) {
    if (!stripe) throw new BillingError("not_configured", "Stripe is not configured, so a paid invoice cannot be refunded");
    const payment = await db.billingPayment.findFirst({
      where: { invoiceId: invoice.id, status: { in: ["succeeded", "partially_refunded"] } },
      orderBy: { attempt: "desc" },
    });
    if (!payment?.stripePaymentIntentId) throw invalidState("No Stripe payment on this invoice to refund");
    refundedPaymentId = payment.id;
    refund = await stripe.refunds.create(
      { payment_intent: payment.stripePaymentIntentId, amount: toMinorUnits(plan.refundAmount, invoice.currency), reason: "requested_by_customer", metadata: { switchboard_credit_note_id: noteId } },
      { idempotencyKey: `credit_note_${noteId}` },
    );
  }

  return db.$transaction(async (tx) => {
    await lockInvoice(tx, invoice.id);
    const current = await tx.billingInvoice.findUniqueOrThrow({ where: { id: invoice.id } });
    const credited = dec(current.amountCredited).plus(plan.creditAmount);
    const refunded = dec(current.amountRefunded).plus(plan.refundAmount);
    const owed = dec(current.total).minus(current.amountPaid).minus(credited);
    const number = await nextDocumentNumber(tx, "credit_note");
    const note = await tx.billingCreditNote.create({
      data: {
        id: noteId,
        number,
        invoiceId: invoice.id,
        reason: data.reason,
        subtotal: plan.subtotal,
        taxAmount: plan.tax,
        total: plan.total,
        creditAmount: plan.creditAmount,
        refundAmount: plan.refundAmount,
        stripeRefundId: refund?.id ?? null,
        items: input.items ?? undefined,
        createdAt: now,
      },
    });
    const fullyCreditedUnpaid = owed.lessThanOrEqualTo(0) && dec(current.amountPaid).isZero();
    await tx.billingInvoice.update({
      where: { id: invoice.id },
      data: {
        amountCredited: currencyString(credited, invoice.currency),
        amountRefunded: currencyString(refunded, invoice.currency),
        ...(owed.lessThanOrEqualTo(0) && (current.status === "open" || current.status === "uncollectible")
          ? fullyCreditedUnpaid
            ? { status: "void", voidedAt: now, nextPaymentAttemptAt: null }
            : { status: "paid", paidAt: now, nextPaymentAttemptAt: null }
          : {}),
      },
    });
    if (refundedPaymentId) {
      const payment = await tx.billingPayment.findUnique({ where: { id: refundedPaymentId } });
      if (payment) {
        const paymentRefunded = dec(payment.amountRefunded).plus(plan.refundAmount);
        await tx.billingPayment.update({
          where: { id: payment.id },
          data: {
            amountRefunded: currencyString(paymentRefunded, invoice.currency),
            status: paymentRefunded.greaterThanOrEqualTo(dec(payment.amount)) ? "refunded" : "partially_refunded",
          },
        });
      }
    }
    return note;
  });
}
