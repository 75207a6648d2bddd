/**
 * A succeeded payment is applied to an invoice only when Stripe charged the
 * invoice's currency and exactly what we ask it to charge of what is still
 * owed (all of it, or in KWD-like currencies all but the few fils below
 * Stripe's amount step: stripe-amount.ts). Anything else (another
 * currency, another amount, a second charge on a paid invoice) is kept here
 * for an admin and never marks the invoice paid.
 */
import type { Db, DbOrTx } from "@/server/db";
import { currencyString, fromMinorUnits } from "../money/currency";
import { amountDue } from "../invoices/invoice-json";
import type { PaymentReport } from "./payment-outcome";
import { chargeableAmount } from "./stripe-amount";

export interface PaymentMismatch {
  expectedAmountMinor: number;
  expectedCurrency: string;
  reason: string;
}

/** Null when the report matches what the invoice owes (call with the invoice row locked). */
export async function paymentMismatch(tx: DbOrTx, report: PaymentReport): Promise<PaymentMismatch | null> {
  const invoice = await tx.billingInvoice.findUniqueOrThrow({
    where: { id: report.invoiceId },
    select: { currency: true, total: true, amountPaid: true, amountCredited: true, amountCarried: true },
  });
  const expectedCurrency = invoice.currency.toUpperCase();
  const expectedAmountMinor = chargeableAmount(amountDue(invoice), invoice.currency).minor;
  const currency = report.currency.toUpperCase();
  const show = (minor: number, cur: string) => `${cur} ${currencyString(fromMinorUnits(minor, cur), cur)}`;
  const paid = show(report.amountMinor, currency);
  const owed = show(expectedAmountMinor, expectedCurrency);
  if (currency !== expectedCurrency) return { expectedAmountMinor, expectedCurrency, reason: `Stripe charged ${paid}, but the invoice is in ${expectedCurrency} (${owed} owed)` };
  if (report.amountMinor !== expectedAmountMinor) return { expectedAmountMinor, expectedCurrency, reason: `Stripe charged ${paid}, but the invoice owed ${owed}` };
  return null;
}

/** Records the mismatch once per PaymentIntent (a redelivered event changes nothing). */
export async function holdPaymentForReview(tx: DbOrTx, report: PaymentReport, mismatch: PaymentMismatch): Promise<void> {
  const paymentIntentId = report.paymentIntentId ?? `charge:${report.chargeId ?? "unknown"}`;
  await tx.billingPaymentReview.upsert({
    where: { stripePaymentIntentId: paymentIntentId },
    update: {},
    create: {
      invoiceId: report.invoiceId,
      stripePaymentIntentId: paymentIntentId,
      stripeChargeId: report.chargeId,
      amountMinor: report.amountMinor,
      currency: report.currency.toUpperCase(),
      expectedAmountMinor: mismatch.expectedAmountMinor,
      expectedCurrency: mismatch.expectedCurrency,
      reason: mismatch.reason,
    },
  });
}

/** Payments held for review, newest first (the Payments page). Provider-wide, so admin-only callers. */
export function unsafeListPaymentReviews(db: Db) {
  return db.billingPaymentReview.findMany({
    where: { resolvedAt: null },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { invoice: { select: { id: true, number: true, customer: { select: { name: true } } } } },
  });
}
