/**
 * Each currency's minor unit (lib/currency.ts), the one place money is
 * rounded to it. Amounts are stored with 3 places, enough for every currency we bill in;
 * unit prices and line amounts keep their exact value (6 places) and only an
 * invoice's totals are rounded, once, half-up.
 */
import Decimal from "decimal.js";
import { BillingDecimal, type DecimalLike } from "../charges/decimal";

import { minorUnitDigits } from "@/lib/currency";

export { minorUnitDigits };

type DecimalValue = Decimal | { toFixed(): string } | string;

function asDecimal(value: DecimalValue | DecimalLike): Decimal {
  return new BillingDecimal(typeof value === "string" ? value : value.toFixed());
}

/** Rounds half-up to the currency's minor unit (0.015 CAD → 0.02, 1.2345 KWD → 1.235, 12.5 JPY → 13). */
export function roundToCurrency(amount: DecimalValue, currency: string): Decimal {
  return asDecimal(amount).toDecimalPlaces(minorUnitDigits(currency), Decimal.ROUND_HALF_UP);
}

/** "12.50", "1.235", "500": an amount with exactly its currency's places. */
export function currencyString(amount: DecimalValue, currency: string): string {
  return roundToCurrency(amount, currency).toFixed(minorUnitDigits(currency));
}

/** An amount as a whole count of minor units, rounded half-up once (49.00 CAD → 4900, 500 JPY → 500, 1.235 KWD → 1235). */
export function toMinorUnits(amount: DecimalValue, currency: string): number {
  return roundToCurrency(amount, currency).times(new BillingDecimal(10).pow(minorUnitDigits(currency))).toNumber();
}

/** Minor units back to an amount (1235 KWD fils → 1.235). */
export function fromMinorUnits(minor: number, currency: string): Decimal {
  return new BillingDecimal(minor).dividedBy(new BillingDecimal(10).pow(minorUnitDigits(currency)));
}

/** An exact amount (a line's) with at least its currency's places: "0.015", "49.00", "1.2345". */
export function exactMoneyString(amount: DecimalValue, currency: string): string {
  const d = asDecimal(amount);
  return d.toFixed(Math.max(minorUnitDigits(currency), d.decimalPlaces()));
}
