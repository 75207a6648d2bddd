/**
 * Sales tax on invoices (e.g. 13% HST in Ontario). Lines keep their exact
 * amounts; the invoice rounds their sum once to the currency's minor unit and
 * computes tax once on that, so subtotal + tax = total to the last minor unit
 * and a sub-cent line is never rounded up on its own.
 */
import type Decimal from "decimal.js";
import type { TaxBehaviour } from "@/lib/validators/billing";
import { BillingDecimal, toDecimal, ZERO, type DecimalLike } from "./charges/decimal";
import { roundToCurrency } from "./money/currency";

export interface TaxResult {
  /** Amount before tax. */
  net: Decimal;
  tax: Decimal;
  /** Amount including tax. */
  gross: Decimal;
  rate: Decimal;
}

/** Converts a percentage ("13", "13.5") to the fractional rate tax functions take (0.13, 0.135). */
export function percentToRate(percent: DecimalLike): Decimal {
  return toDecimal(percent, "tax percent").dividedBy(100);
}

function checkedRate(rate: DecimalLike): Decimal {
  const r = toDecimal(rate, "tax rate");
  if (r.isNegative() || r.greaterThan(1)) {
    throw new RangeError(`tax rate must be a fraction between 0 and 1 (0.13 for 13%), got ${r.toString()}`);
  }
  return r;
}

/**
 * Splits an amount into net, tax and gross, rounded half-up to the currency's minor unit.
 * - exclusive: `amount` is net; tax = round(net × rate); gross = net + tax.
 * - inclusive: `amount` is gross; net = round(gross ÷ (1 + rate)); tax = gross − net.
 * @param rate fraction, e.g. "0.13" for 13% HST
 */
export function computeTax(input: { amount: DecimalLike; rate: DecimalLike; behaviour: TaxBehaviour; currency: string }): TaxResult {
  const round = (d: Decimal) => roundToCurrency(d, input.currency);
  const amount = round(toDecimal(input.amount, "amount"));
  const rate = checkedRate(input.rate);
  if (input.behaviour === "exclusive") {
    const tax = round(amount.times(rate));
    return { net: amount, tax, gross: amount.plus(tax), rate };
  }
  if (input.behaviour === "inclusive") {
    const net = round(amount.dividedBy(rate.plus(1)));
    return { net, tax: amount.minus(net), gross: amount, rate };
  }
  const unknown: never = input.behaviour;
  throw new RangeError(`Unknown tax behaviour: ${String(unknown)}`);
}

export interface InvoiceLineAmount {
  /** The line's exact total (net or gross per the plan's tax behaviour), unrounded. */
  amount: DecimalLike;
}

export interface InvoiceTotals {
  /** Exact sum of the lines, before the one rounding. */
  linesTotal: Decimal;
  /** Total before tax. */
  subtotal: Decimal;
  tax: Decimal;
  /** Amount due. */
  total: Decimal;
  rate: Decimal;
  behaviour: TaxBehaviour;
}

/**
 * Invoice totals from its exact lines: their sum is rounded once to the
 * currency's minor unit (0.015 + 0.015 CAD is 0.03, not 0.04), then taxed once.
 * An invoice without lines totals zero (still issued, for the audit trail).
 */
export function computeInvoiceTotals(
  lines: readonly InvoiceLineAmount[],
  tax: { rate: DecimalLike; behaviour: TaxBehaviour; currency: string },
): InvoiceTotals {
  const linesTotal = lines.reduce((acc, line, i) => acc.plus(toDecimal(line.amount, `lines[${i}].amount`)), new BillingDecimal(ZERO));
  const result = computeTax({ amount: linesTotal, rate: tax.rate, behaviour: tax.behaviour, currency: tax.currency });
  return {
    linesTotal,
    subtotal: result.net,
    tax: result.tax,
    total: result.gross,
    rate: result.rate,
    behaviour: tax.behaviour,
  };
}
