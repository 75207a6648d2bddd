/**
 * Sales tax on invoices (e.g. 13% HST in Ontario). Tax is computed once on the
 * invoice's summed lines, not per line, so rounding happens exactly once and
 * an invoice's lines, subtotal, tax and total always add up.
 */
import type Decimal from "decimal.js";
import type { TaxBehaviour } from "@/lib/validators/billing";
import { BillingDecimal, roundMoney, toDecimal, ZERO, type DecimalLike } from "./charges/decimal";

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
 * Splits an amount into net, tax and gross, rounded half-up to cents.
 * - exclusive: `amount` is net; tax = round(net × rate); gross = net + tax.
 * - inclusive: `amount` is gross; net = round(gross ÷ (1 + rate)); tax = gross − net.
 * @param rate fraction, e.g. "0.13" for 13% HST
 */
export function computeTax(input: { amount: DecimalLike; rate: DecimalLike; behaviour: TaxBehaviour }): TaxResult {
  const amount = roundMoney(toDecimal(input.amount, "amount"));
  const rate = checkedRate(input.rate);
  if (input.behaviour === "exclusive") {
    const tax = roundMoney(amount.times(rate));
    return { net: amount, tax, gross: amount.plus(tax), rate };
  }
  if (input.behaviour === "inclusive") {
    const net = roundMoney(amount.dividedBy(rate.plus(1)));
    return { net, tax: amount.minus(net), gross: amount, rate };
  }
  const unknown: never = input.behaviour;
  throw new RangeError(`Unknown tax behaviour: ${String(unknown)}`);
}

export interface InvoiceLineAmount {
  /** The line total as shown on the invoice (net or gross per the plan's tax behaviour). */
  amount: DecimalLike;
}

export interface InvoiceTotals {
  /** Sum of the line totals as printed (each rounded to cents). */
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
 * Invoice totals from its lines. Each line is rounded to cents first (lines
 * are what the customer reads), then tax is computed once on their sum.
 * An invoice without lines totals $0.00 (still issued, for the audit trail).
 */
export function computeInvoiceTotals(
  lines: readonly InvoiceLineAmount[],
  tax: { rate: DecimalLike; behaviour: TaxBehaviour },
): InvoiceTotals {
  const linesTotal = lines.reduce(
    (acc, line, i) => acc.plus(roundMoney(toDecimal(line.amount, `lines[${i}].amount`))),
    new BillingDecimal(ZERO),
  );
  const result = computeTax({ amount: linesTotal, rate: tax.rate, behaviour: tax.behaviour });
  return {
    linesTotal,
    subtotal: result.net,
    tax: result.tax,
    total: result.gross,
    rate: result.rate,
    behaviour: tax.behaviour,
  };
}
