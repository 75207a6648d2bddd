/**
 * ISO 4217 minor units, shared by forms and the server: most currencies have
 * 2 places, these have 0 (JPY) or 3 (KWD, BHD).
 */
const ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]);
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/** The most places any currency has: what money columns store. */
export const MAX_MINOR_UNIT_DIGITS = 3;

/** Decimal places of a currency's minor unit (0 for JPY, 3 for KWD, 2 otherwise). */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** Null when `amount` fits the currency's minor unit, else why not ("KWD amounts have at most 3 decimal places"). */
export function minorUnitProblem(amount: string, currency: string): string | null {
  const places = amount.includes(".") ? amount.split(".")[1]!.length : 0;
  const digits = minorUnitDigits(currency);
  if (places <= digits) return null;
  return `${currency.toUpperCase()} amounts have at most ${digits} decimal place${digits === 1 ? "" : "s"} (${amount} has ${places})`;
}
