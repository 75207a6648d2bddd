/**
 * Pure pricing of one subscription period: the plan's base price, one line
 * per charged metric (quota free, overage priced by the charge model), each
 * at its exact amount, and the totals with the customer's tax rate, rounded
 * once to the currency's minor unit. No database, so it is easy to test
 * at every edge.
 */
import type Decimal from "decimal.js";
import type { PlanInterval, TaxBehaviour } from "@/lib/validators/billing";
import { rateCharge, type RateChargeInput } from "../charges";
import { toDecimal, ZERO, type DecimalLike } from "../charges/decimal";
import { currencyString } from "../money/currency";
import { computeInvoiceTotals, percentToRate, type InvoiceTotals } from "../tax";

/** Places a line's exact amount is stored with (the line amount column); totals alone are rounded to the currency. */
export const LINE_DECIMALS = 6;

export interface PricedLine {
  kind: "base" | "usage";
  description: string;
  metricId: string | null;
  chargeId: string | null;
  quantity: Decimal;
  includedQuantity: Decimal;
  units: Decimal;
  unitPrice: Decimal;
  amount: Decimal;
  details: Record<string, unknown> | null;
}

export interface PricePeriodInput {
  plan: { name: string; basePrice: DecimalLike; interval: PlanInterval; taxBehaviour: TaxBehaviour; currency: string };
  charges: ReadonlyArray<{
    id: string;
    metric: { id: string; name: string; unitLabel: string };
    spec: Omit<RateChargeInput, "quantity">;
  }>;
  /** metricId → the period's aggregated (rounded) quantity. */
  quantities: ReadonlyMap<string, Decimal>;
  taxRatePercent: DecimalLike;
  /** False while a subscription is paused: usage is billed, the base price is not. */
  includeBasePrice: boolean;
  /** A period cut short (termination, plan change): the base price is billed for `days` of `of`. */
  proration?: { days: number; of: number } | null;
}

export interface PricedPeriod {
  lines: PricedLine[];
  totals: InvoiceTotals;
}

export function pricePeriod(input: PricePeriodInput): PricedPeriod {
  const lines: PricedLine[] = [];
  const base = toDecimal(input.plan.basePrice, "basePrice");
  if (input.includeBasePrice) {
    const one = toDecimal("1");
    const description = `${input.plan.name} — ${input.plan.interval === "monthly" ? "monthly" : "yearly"} base price`;
    const p = input.proration;
    if (p) {
      // Shown as days × daily price; the exact product stays exact until the invoice total is rounded.
      const exact = base.times(p.days).dividedBy(p.of).toDecimalPlaces(LINE_DECIMALS);
      lines.push({
        kind: "base",
        description: `${description}, prorated: ${p.days} of ${p.of} days`,
        metricId: null,
        chargeId: null,
        quantity: toDecimal(String(p.days)),
        includedQuantity: ZERO,
        units: toDecimal(String(p.days)),
        unitPrice: base.dividedBy(p.of).toDecimalPlaces(6),
        amount: exact,
        details: { prorated: { days: p.days, ofDays: p.of, fullPrice: currencyString(base, input.plan.currency) }, exactAmount: exact.toFixed() },
      });
    } else {
      lines.push({
        kind: "base",
        description,
        metricId: null,
        chargeId: null,
        quantity: one,
        includedQuantity: ZERO,
        units: one,
        unitPrice: base,
        amount: base,
        details: null,
      });
    }
  }
  for (const charge of input.charges) {
    const quantity = input.quantities.get(charge.metric.id) ?? ZERO;
    const rated = rateCharge({ ...charge.spec, quantity });
    const single = rated.breakdown.length === 1 ? rated.breakdown[0] : undefined;
    const unitPrice = single ? single.unitPrice : rated.breakdown.length === 0 ? toDecimal(String(charge.spec.unitPrice ?? "0")) : ZERO;
    lines.push({
      kind: "usage",
      description: `${charge.metric.name} (${charge.spec.model})`,
      metricId: charge.metric.id,
      chargeId: charge.id,
      quantity,
      includedQuantity: rated.includedQuota,
      units: rated.units,
      unitPrice,
      amount: rated.exactAmount.toDecimalPlaces(LINE_DECIMALS),
      details: {
        model: rated.model,
        unitLabel: charge.metric.unitLabel,
        unitBatch: rated.unitBatch.toFixed(),
        billableQuantity: rated.billableQuantity.toFixed(),
        billedQuantity: rated.billedQuantity.toFixed(),
        exactAmount: rated.exactAmount.toFixed(),
        breakdown: rated.breakdown.map((b) => ({
          tier: b.tierIndex + 1,
          from: b.from.toFixed(),
          to: b.to === null ? null : b.to.toFixed(),
          quantity: b.quantity.toFixed(),
          units: b.units.toFixed(),
          unitPrice: b.unitPrice.toFixed(),
          flatFee: b.flatFee.toFixed(),
          amount: b.amount.toFixed(),
        })),
      },
    });
  }
  const totals = computeInvoiceTotals(
    lines.map((l) => ({ amount: l.amount })),
    { rate: percentToRate(input.taxRatePercent), behaviour: input.plan.taxBehaviour, currency: input.plan.currency },
  );
  return { lines, totals };
}

/** The usage thresholds (80 and 100 percent of the included quota) a quantity has reached. */
export const USAGE_THRESHOLDS = [80, 100] as const;

export function thresholdsReached(quantity: Decimal, includedQuota: DecimalLike): Array<(typeof USAGE_THRESHOLDS)[number]> {
  const quota = toDecimal(includedQuota, "includedQuota");
  if (quota.lessThanOrEqualTo(0)) return [];
  return USAGE_THRESHOLDS.filter((pct) => quantity.times(100).greaterThanOrEqualTo(quota.times(pct)));
}
