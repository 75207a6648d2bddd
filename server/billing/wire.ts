/**
 * Decimal ↔ wire helpers: money and quantities leave the server as strings,
 * never as JSON numbers, so no digit is lost on the way.
 */
import type Decimal from "decimal.js";
import { BillingDecimal, toDecimal, type DecimalLike } from "./charges/decimal";

type DecimalValue = Decimal | { toFixed(dp?: number): string } | string;

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
