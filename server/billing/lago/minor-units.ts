/**
 * Lago's wire money: integer amounts in the currency's minor units
 * (`*_amount_cents`). ISO 4217 exponents: most currencies have 2 places,
 * these do not. Amounts stored with more places than the currency has are
 * rounded half-up once, here, on the way out.
 */
import type Decimal from "decimal.js";
import { BillingDecimal } from "../charges/decimal";
import { BillingError } from "../errors";
import { dec } from "../wire";

const ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]);
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/** Decimal places of a currency's minor unit (0 for JPY, 3 for KWD, 2 otherwise). */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** An amount as an integer count of minor units (49.00 CAD → 4900, 500 JPY → 500). */
export function toCents(amount: Decimal | { toFixed(): string } | string, currency: string): number {
  const value = typeof amount === "string" ? dec(amount) : dec(amount as { toFixed(): string });
  return value.times(new BillingDecimal(10).pow(minorUnitDigits(currency))).toDecimalPlaces(0, BillingDecimal.ROUND_HALF_UP).toNumber();
}

/** Minor units from a Lago request back to a decimal amount; refuses fractions and unsafe numbers, naming `field`. */
export function fromCents(cents: unknown, currency: string, field: string): Decimal {
  if (typeof cents !== "number" || !Number.isSafeInteger(cents) || cents < 0) {
    throw new BillingError("validation_failed", `${field} must be a whole number of minor units (cents) ≥ 0`, {
      fieldErrors: { [field]: "must be a whole number of minor units (cents) ≥ 0" },
    });
  }
  return new BillingDecimal(cents).dividedBy(new BillingDecimal(10).pow(minorUnitDigits(currency)));
}
