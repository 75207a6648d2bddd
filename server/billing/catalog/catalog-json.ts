/** Plans and metrics as the billing API shows them to source apps (GET /plans, /catalog). */
import type { BillingCharge, BillingMetric, BillingPlan } from "@/server/generated/prisma/client";
import { decimalString, moneyString } from "../wire";
import { parseStoredTiers } from "./charges";

export function metricJson(metric: BillingMetric) {
  return {
    code: metric.code,
    name: metric.name,
    aggregation: metric.aggregation,
    unit_label: metric.unitLabel,
    rounding: metric.rounding,
    rounding_precision: metric.roundingPrecision,
  };
}

export function planJson(plan: BillingPlan & { charges: Array<BillingCharge & { metric: BillingMetric }> }) {
  return {
    code: plan.code,
    name: plan.name,
    description: plan.description,
    interval: plan.interval,
    base_price: moneyString(plan.basePrice),
    currency: plan.currency,
    tax_behaviour: plan.taxBehaviour,
    active: plan.active,
    charges: plan.charges.map((c) => ({
      metric_code: c.metric.code,
      model: c.model,
      included_quota: decimalString(c.includedQuota),
      unit_price: decimalString(c.unitPrice),
      unit_batch: c.unitBatch,
      package_size: c.packageSize,
      tiers: parseStoredTiers(c.tiers, c.id).map((t) => ({
        from: t.from,
        to: t.to,
        unit_price: t.unitPrice,
        flat_fee: t.flatFee ?? "0",
      })),
    })),
  };
}
