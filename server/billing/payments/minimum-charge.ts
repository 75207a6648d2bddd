/**
 * Stripe's minimum charge per currency (its "minimum and maximum charge
 * amounts" table, in major units). A PaymentIntent below it fails with
 * amount_too_small, so such an invoice is not sent to Stripe at all and
 * never enters dunning: it stays open with no payment attempt scheduled,
 * marked "below_minimum", for the provider to settle or credit.
 */
import { BillingDecimal } from "../charges/decimal";
import { dec } from "../wire";

const MINIMUMS: Record<string, string> = {
  AUD: "0.50",
  BRL: "0.50",
  CAD: "0.50",
  CHF: "0.50",
  DKK: "2.50",
  EUR: "0.50",
  GBP: "0.30",
  HKD: "4.00",
  INR: "0.50",
  JPY: "50",
  MXN: "10",
  NOK: "3.00",
  NZD: "0.50",
  PLN: "2.00",
  SEK: "3.00",
  SGD: "0.50",
  USD: "0.50",
};

export function stripeMinimumCharge(currency: string): string {
  return MINIMUMS[currency.toUpperCase()] ?? "0.50";
}

/** The reason an amount cannot be charged through Stripe, or null when it can. */
export function belowMinimumReason(amountDue: string, currency: string): string | null {
  const minimum = stripeMinimumCharge(currency);
  if (dec(amountDue).greaterThanOrEqualTo(new BillingDecimal(minimum))) return null;
  return `Not charged: ${currency.toUpperCase()} ${amountDue} is below Stripe's minimum charge of ${currency.toUpperCase()} ${minimum}`;
}
