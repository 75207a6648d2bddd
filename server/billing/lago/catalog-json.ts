/** Plans, charges and billable metrics as Lago returns them (PlanObject, ChargeObject, BillableMetricObject). */
import type { BillingCharge, BillingMetric, BillingPlan } from "@/server/generated/prisma/client";
import { parseStoredTiers } from "../catalog/charges";
import { decimalString } from "../wire";
import { toCents } from "./minor-units";

const AGGREGATION: Record<BillingMetric["aggregation"], string> = {
  sum: "sum_agg",
  max: "max_agg",
  last: "latest_agg",
  unique_count: "unique_count_agg",
};

/** A sum without an event property counts events (each event adds 1): Lago's count_agg. */
export function lagoAggregationType(metric: Pick<BillingMetric, "aggregation" | "fieldName">) {
  return metric.aggregation === "sum" && !metric.fieldName ? "count_agg" : AGGREGATION[metric.aggregation];
}

export function lagoMetricJson(metric: BillingMetric) {
  return {
    lago_id: metric.id,
    name: metric.name,
    code: metric.code,
    description: metric.description,
    recurring: false,
    rounding_function: metric.rounding === "none" ? null : metric.rounding === "up" ? "ceil" : metric.rounding === "down" ? "floor" : "round",
    rounding_precision: metric.rounding === "none" ? null : metric.roundingPrecision,
    created_at: metric.createdAt.toISOString(),
    field_name: metric.fieldName,
    aggregation_type: lagoAggregationType(metric),
    filters: [],
    // Ours: the unit invoices print.
    unit_label: metric.unitLabel,
  };
}

type ChargeRow = BillingCharge & { metric: BillingMetric };

/**
 * Lago's charge properties per model. Our included quota and unit batch have
 * no Lago field of their own: they are given as free_units / per_units
 * alongside, and always applied.
 */
function chargeProperties(c: ChargeRow) {
  const tiers = parseStoredTiers(c.tiers, c.id);
  switch (c.model) {
    case "standard":
      return { amount: decimalString(c.unitPrice), per_units: String(c.unitBatch) };
    case "package":
      return { amount: decimalString(c.unitPrice), package_size: c.packageSize ?? 1, free_units: Number(c.includedQuota.toFixed()) };
    case "graduated":
      return {
        graduated_ranges: tiers.map((t) => ({ from_value: Number(t.from), to_value: t.to === null ? null : Number(t.to), per_unit_amount: t.unitPrice, flat_amount: t.flatFee ?? "0" })),
      };
    case "volume":
      return {
        volume_ranges: tiers.map((t) => ({ from_value: Number(t.from), to_value: t.to === null ? null : Number(t.to), per_unit_amount: t.unitPrice, flat_amount: t.flatFee ?? "0" })),
      };
  }
}

export function lagoChargeJson(c: ChargeRow, currency: string) {
  return {
    lago_id: c.id,
    lago_billable_metric_id: c.metricId,
    billable_metric_code: c.metric.code,
    invoice_display_name: c.metric.name,
    created_at: c.createdAt.toISOString(),
    charge_model: c.model,
    pay_in_advance: false,
    invoiceable: true,
    regroup_paid_fees: null,
    prorated: false,
    min_amount_cents: 0,
    properties: chargeProperties(c),
    filters: [],
    taxes: [],
    // Ours: the quota included before any charge, in the metric's units, and the currency of amounts.
    included_units: decimalString(c.includedQuota),
    amount_currency: currency,
  };
}

export function lagoPlanJson(plan: BillingPlan & { charges: ChargeRow[] }) {
  return {
    lago_id: plan.id,
    name: plan.name,
    invoice_display_name: plan.name,
    created_at: plan.createdAt.toISOString(),
    code: plan.code,
    interval: plan.interval,
    description: plan.description ?? "",
    amount_cents: toCents(plan.basePrice, plan.currency),
    amount_currency: plan.currency,
    trial_period: 0,
    pay_in_advance: false,
    bill_charges_monthly: null,
    charges: plan.charges.map((c) => lagoChargeJson(c, plan.currency)),
    taxes: [],
    // Ours: whether the customer's tax rate is added to or included in the prices, and whether the plan takes new subscriptions.
    tax_behaviour: plan.taxBehaviour,
    active: plan.active,
  };
}
