/**
 * What Stripe will take as a charge amount. Stripe's "three-decimal
 * currencies" rule (docs.stripe.com/currencies): PaymentIntents and refunds in
 * BHD, JOD, KWD, OMR and TND must have 0 as their last minor-unit digit
 * ("5.124 KWD must be rounded to 5120 or 5130"). We apply it to every
 * currency with 3 minor digits (lib/currency.ts), since a multiple of ten is
 * valid in all of them.
 *
 * Policy: a charge is rounded DOWN to that step, so a customer is never
 * charged more than the invoice says; the 1–9 fils left over are below
 * Stripe's minimum charge and follow its rule (payment-outcome.ts): carried
 * to the subscription's next invoice, or shown as not charged on a one-off one.
 */
import type Decimal from "decimal.js";
import { fromMinorUnits, minorUnitDigits, toMinorUnits } from "../money/currency";
import { dec } from "../wire";

/** The step, in minor units, Stripe's amounts must be a multiple of in `currency` (10 fils for KWD, else 1). */
export function stripeAmountStep(currency: string): number {
  return minorUnitDigits(currency) === 3 ? 10 : 1;
}

/** What Stripe can charge of `amount` (minor units, rounded down to the step) and what is left (an amount). */
export function chargeableAmount(amount: string | { toFixed(): string }, currency: string): { minor: number; remainder: Decimal } {
  const step = stripeAmountStep(currency);
  const exact = toMinorUnits(typeof amount === "string" ? amount : amount.toFixed(), currency);
  const minor = Math.floor(exact / step) * step;
  return { minor, remainder: dec(typeof amount === "string" ? amount : amount.toFixed()).minus(fromMinorUnits(minor, currency)) };
}

/** The policy as printed on invoices in a currency with a step, or null. */
export function chargeStepNote(currency: string): string | null {
  const step = stripeAmountStep(currency);
  if (step === 1) return null;
  const code = currency.toUpperCase();
  const stepAmount = fromMinorUnits(step, code).toFixed(minorUnitDigits(code));
  return `Card payments in ${code} are taken in steps of ${code} ${stepAmount} (Stripe's rule for three-decimal currencies), rounded down; anything smaller is carried to the next invoice, or not charged on a one-off invoice.`;
}
