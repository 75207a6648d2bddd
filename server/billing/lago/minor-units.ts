/**
 * Lago's wire money: integer amounts in the currency's minor units
 * (`*_amount_cents`), converted by the currency's exponent (money/currency.ts).
 */
import type Decimal from "decimal.js";
import { BillingError } from "../errors";
import { fromMinorUnits, minorUnitDigits, toMinorUnits } from "../money/currency";

export { minorUnitDigits };

/** An amount as an integer count of minor units (49.00 CAD → 4900, 500 JPY → 500). */
export function toCents(amount: Decimal | { toFixed(): string } | string, currency: string): number {
  return toMinorUnits(amount, currency);
}

/** Minor units from a Lago request back to a decimal amount; refuses fractions and unsafe numbers, naming `field`. */
export function fromCents(cents: unknown, currency: string, field: string): Decimal {
  if (typeof cents !== "number" || !Number.isSafeInteger(cents) || cents < 0) {
    throw new BillingError("validation_failed", `${field} must be a whole number of minor units (cents) ≥ 0`, {
      fieldErrors: { [field]: "must be a whole number of minor units (cents) ≥ 0" },
    });
  }
  return fromMinorUnits(cents, currency);
}
