/**
 * The decimal type every billing computation uses. A private clone of
 * decimal.js with 40 significant digits, so intermediate products of 6-decimal
 * prices and large quantities are exact, and nothing mutates the global
 * Decimal configuration other code (Prisma.Decimal) relies on.
 */
import Decimal from "decimal.js";

export const BillingDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type BillingDecimal = Decimal;

/**
 * What billing functions accept: a decimal string or any decimal.js-compatible
 * instance (including Prisma.Decimal). Plain numbers are left out on purpose.
 */
export type DecimalLike = Decimal | string;

/** Cents: the only place money is rounded. */
export const MONEY_DECIMALS = 2;

/** Converts input to a BillingDecimal; throws a RangeError naming `label` when it is not a finite number. */
export function toDecimal(value: DecimalLike, label = "value"): Decimal {
  let d: Decimal;
  try {
    d = new BillingDecimal(typeof value === "string" ? value.trim() : value);
  } catch {
    throw new RangeError(`${label} is not a decimal number: ${String(value)}`);
  }
  if (!d.isFinite()) throw new RangeError(`${label} must be finite, got ${d.toString()}`);
  return d;
}

/** Rounds a money amount half-up to cents (0.005 → 0.01, -0.005 → -0.01). */
export function roundMoney(amount: Decimal): Decimal {
  return new BillingDecimal(amount).toDecimalPlaces(MONEY_DECIMALS, Decimal.ROUND_HALF_UP);
}

export const ZERO: Decimal = new BillingDecimal(0);
