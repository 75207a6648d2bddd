/**
 * An invoice's tax, derived as the seed asks: the effective rate (tax ÷
 * subtotal) is mapped to the closest configured rate, the tax is recomputed at
 * that rate, and it must equal the source's tax to the cent, or the invoice is
 * flagged. The ledger books the source's tax either way (it is what was billed).
 */
import { Decimal } from "decimal.js";

export interface TaxDerivation {
  /** The configured rate chosen, in percent (e.g. "13"). */
  ratePercent: Decimal;
  /** Effective rate of the source, in percent; null when the subtotal is zero. */
  effectivePercent: Decimal | null;
  computedTax: Decimal;
  mismatch: boolean;
}

export function deriveTax(subtotal: Decimal, sourceTax: Decimal, configuredPercents: readonly Decimal[]): TaxDerivation {
  const rates = configuredPercents.length > 0 ? configuredPercents : [new Decimal(0)];
  const effective = subtotal.isZero() ? null : sourceTax.div(subtotal).times(100);
  const target = effective ?? new Decimal(0);
  let chosen = rates[0]!;
  for (const rate of rates) if (rate.minus(target).abs().lessThan(chosen.minus(target).abs())) chosen = rate;
  const computedTax = subtotal.times(chosen).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { ratePercent: chosen, effectivePercent: effective, computedTax, mismatch: !computedTax.equals(sourceTax.toDecimalPlaces(2)) };
}
