/**
 * Lago's current usage: what the subscription's running period has used so
 * far and what its charges come to, priced exactly as the period's invoice
 * will be (the plan's base price is not usage and is left out, as in Lago).
 * Read-only: nothing is written.
 */
import type { DbOrTx } from "@/server/db";
import { chargeSpec } from "../catalog/charges";
import { aggregatePeriodUsage } from "../rating/aggregate-period-usage";
import { pricePeriod } from "../rating/price-period";
import { RATING_INCLUDE } from "../rating/refresh-draft-invoice";
import { BillingError } from "../errors";
import { lagoAggregationType } from "./catalog-json";
import { toCents } from "./minor-units";

export async function currentUsageJson(db: DbOrTx, serviceId: string, externalCustomerId: string, externalSubscriptionId: string) {
  const sub = await db.billingSubscription.findUnique({
    where: { serviceId_externalId: { serviceId, externalId: externalSubscriptionId } },
    include: { ...RATING_INCLUDE, customer: { include: { billingAccountLinks: { where: { serviceId }, select: { externalId: true } } } } },
  });
  if (!sub || !sub.customer.billingAccountLinks.some((l) => l.externalId === externalCustomerId)) {
    throw new BillingError("not_found", `Subscription ${externalSubscriptionId} of customer ${externalCustomerId} was not found`, {
      external_subscription_id: externalSubscriptionId,
    });
  }
  if (sub.status === "terminated") throw new BillingError("invalid_state", `Subscription ${externalSubscriptionId} is terminated: it has no current usage`);
  const period = { start: sub.currentPeriodStart, end: sub.currentPeriodEnd };
  const charges = sub.plan.charges;
  const [quantities, counts, draft] = await Promise.all([
    aggregatePeriodUsage(db, sub.id, charges.map((c) => c.metric), period),
    db.billingUsageRecord.groupBy({
      by: ["metricId"],
      where: { subscriptionId: sub.id, periodStart: { gte: period.start, lt: period.end } },
      _count: { _all: true },
    }),
    db.billingInvoice.findUnique({ where: { subscriptionId_periodStart: { subscriptionId: sub.id, periodStart: period.start } }, select: { id: true, status: true } }),
  ]);
  const priced = pricePeriod({
    plan: sub.plan,
    charges: charges.map((c) => ({ id: c.id, metric: c.metric, spec: chargeSpec(c) })),
    quantities,
    taxRatePercent: sub.customer.taxRatePercent.toFixed(),
    includeBasePrice: false,
  });
  const currency = sub.plan.currency;
  const countByMetric = new Map(counts.map((c) => [c.metricId, c._count._all]));
  return {
    from_datetime: period.start.toISOString(),
    to_datetime: period.end.toISOString(),
    issuing_date: period.end.toISOString().slice(0, 10),
    lago_invoice_id: draft?.status === "draft" ? draft.id : null,
    currency,
    amount_cents: toCents(priced.totals.subtotal, currency),
    taxes_amount_cents: toCents(priced.totals.tax, currency),
    total_amount_cents: toCents(priced.totals.total, currency),
    charges_usage: priced.lines.map((line) => {
      const charge = charges.find((c) => c.id === line.chargeId)!;
      return {
        units: line.quantity.toFixed(),
        total_aggregated_units: line.quantity.toFixed(),
        events_count: countByMetric.get(charge.metricId) ?? 0,
        amount_cents: toCents(line.amount, currency),
        amount_currency: currency,
        // Ours: the exact amount before rounding and the quota the plan includes.
        precise_amount: String((line.details as { exactAmount?: string } | null)?.exactAmount ?? line.amount.toFixed()),
        included_units: line.includedQuantity.toFixed(),
        charge: { lago_id: charge.id, charge_model: charge.model, invoice_display_name: charge.metric.name },
        billable_metric: { lago_id: charge.metric.id, name: charge.metric.name, code: charge.metric.code, aggregation_type: lagoAggregationType(charge.metric) },
        filters: [],
        grouped_usage: [],
      };
    }),
  };
}
