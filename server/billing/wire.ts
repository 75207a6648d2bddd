/**
 * Decimal ↔ wire helpers: money and quantities leave the server as strings,
 * never as JSON numbers, so no digit is lost on the way.
 */
import type Decimal from "decimal.js";
import { BillingDecimal, toDecimal, type DecimalLike } from "./charges/decimal";

type DecimalValue = Decimal | { toFixed(dp?: number): string } | string;

/** "12.50": an amount of money with exactly two places. */
export function moneyString(value: DecimalValue): string {
  return typeof value === "string" ? toDecimal(value).toFixed(2) : value.toFixed(2);
}

/** "25200", "0.000075": a quantity or unit price without trailing zeros or exponent. */
export function decimalString(value: DecimalValue): string {
  const text = typeof value === "string" ? value : value.toFixed();
  return new BillingDecimal(text).toFixed();
}

/** A Prisma Decimal (or string) as a BillingDecimal for arithmetic. */
export function dec(value: DecimalLike | { toFixed(): string }): Decimal {
  return typeof value === "string" || value instanceof BillingDecimal
    ? toDecimal(value as DecimalLike)
    : new BillingDecimal((value as { toFixed(): string }).toFixed());
}

/** Integer minor units (cents) for Stripe from a two-place amount. */
export function toMinorUnits(amount: DecimalValue): number {
  const cents = dec(typeof amount === "string" ? amount : amount.toFixed(2)).times(100);
  if (!cents.isInteger()) throw new RangeError(`${cents.toString()} cents is not a whole number`);
  return cents.toNumber();
}

/** Minor units (cents) from Stripe back to a decimal amount. */
export function fromMinorUnits(cents: number): Decimal {
  return new BillingDecimal(cents).dividedBy(100);
}
