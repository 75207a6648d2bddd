/**
 * Keeps one draft invoice per subscription and period up to date with the
 * usage so far. Issued invoices are never touched again.
 */
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { chargeSpec } from "../catalog/charges";
import { periodStartBefore, prorationDays, type BillingPeriod } from "../subscriptions/billing-period";
import { claimCarriedBalances } from "../payments/carry-balance";
import { emitBillingEvent } from "../webhooks/emit-event";
import { aggregatePeriodUsage } from "./aggregate-period-usage";
import { pricePeriod, thresholdsReached } from "./price-period";

/** Subscription with everything rating needs. */
export const RATING_INCLUDE = {
  plan: { include: { charges: { include: { metric: true }, orderBy: { createdAt: "asc" } } } },
  pendingPlan: true,
  customer: true,
} satisfies Prisma.BillingSubscriptionInclude;

export type SubscriptionForRating = Prisma.BillingSubscriptionGetPayload<{ include: typeof RATING_INCLUDE }>;

/**
 * Row-locks the subscription until the transaction ends, so rating and period
 * close of one subscription never interleave (and never create two drafts).
 */
export async function lockSubscription(tx: DbOrTx, subscriptionId: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM "BillingSubscription" WHERE "id" = $1 FOR UPDATE`, subscriptionId);
}

export interface RefreshedDraft {
  invoiceId: string;
  /** False when the period's invoice was already issued (nothing changed). */
  refreshed: boolean;
  /** Outbound events to dispatch after commit (usage thresholds). */
  eventIds: string[];
}

/**
 * The full period the subscription's current one belongs to: it ends at the
 * scheduled period end; after a mid-period plan change the current period
 * starts later than that full period did.
 */
function fullPeriodOf(sub: SubscriptionForRating): BillingPeriod {
  return { start: periodStartBefore(sub.currentPeriodEnd, sub.plan.interval, sub.startedAt.getUTCDate()), end: sub.currentPeriodEnd };
}

/** Re-rates `period` into its draft invoice (creating it when missing). Call inside a transaction holding the lock. */
export async function refreshDraftInvoice(
  tx: DbOrTx,
  sub: SubscriptionForRating,
  period: BillingPeriod,
  now: Date,
): Promise<RefreshedDraft> {
  const existing = await tx.billingInvoice.findUnique({
    where: { subscriptionId_periodStart: { subscriptionId: sub.id, periodStart: period.start } },
    select: { id: true, status: true },
  });
  if (existing && existing.status !== "draft") return { invoiceId: existing.id, refreshed: false, eventIds: [] };

  const charges = sub.plan.charges;
  const quantities = await aggregatePeriodUsage(tx, sub.id, charges.map((c) => c.metric), period);
  const priced = pricePeriod({
    plan: sub.plan,
    charges: charges.map((c) => ({ id: c.id, metric: c.metric, spec: chargeSpec(c) })),
    quantities,
    taxRatePercent: sub.customer.taxRatePercent.toFixed(),
    includeBasePrice: sub.status !== "paused",
    proration: prorationDays(period, fullPeriodOf(sub)),
  });

  const data = {
    customerId: sub.customerId,
    currency: sub.plan.currency,
    taxBehaviour: sub.plan.taxBehaviour,
    taxRatePercent: sub.customer.taxRatePercent,
    subtotal: priced.totals.subtotal.toFixed(),
    taxAmount: priced.totals.tax.toFixed(),
    total: priced.totals.total.toFixed(),
    periodEnd: period.end,
    ratedAt: now,
  };
  const invoice = existing
    ? await tx.billingInvoice.update({ where: { id: existing.id }, data, select: { id: true } })
    : await tx.billingInvoice.create({
        data: { ...data, subscriptionId: sub.id, periodStart: period.start, status: "draft" },
        select: { id: true },
      });
  await tx.billingInvoiceLine.deleteMany({ where: { invoiceId: invoice.id } });
  await tx.billingInvoiceLine.createMany({
    data: priced.lines.map((line, position) => ({
      invoiceId: invoice.id,
      position,
      kind: line.kind,
      description: line.description,
      metricId: line.metricId,
      chargeId: line.chargeId,
      quantity: line.quantity.toFixed(),
      includedQuantity: line.includedQuantity.toFixed(),
      units: line.units.toFixed(),
      unitPrice: line.unitPrice.toFixed(),
      amount: line.amount.toFixed(),
      details: (line.details ?? undefined) as Prisma.InputJsonValue | undefined,
    })),
  });

  // Balances carried from earlier invoices (below the minimum charge) come after tax: they already include theirs.
  const carried = await claimCarriedBalances(tx, invoice.id, sub.id, sub.plan.currency);
  if (carried.length > 0) {
    await tx.billingInvoiceLine.createMany({
      data: carried.map((c, i) => ({
        invoiceId: invoice.id,
        position: priced.lines.length + i,
        kind: "carried_balance" as const,
        description: `Balance carried from invoice ${c.fromNumber ?? c.fromInvoiceId} (below the minimum charge)`,
        quantity: "1",
        units: "1",
        unitPrice: c.amount.toFixed(),
        amount: c.amount.toFixed(),
        details: { carriedFromInvoiceId: c.fromInvoiceId },
      })),
    });
    const carriedTotal = carried.reduce((sum, c) => sum.plus(c.amount), priced.totals.total);
    await tx.billingInvoice.update({ where: { id: invoice.id }, data: { total: carriedTotal.toFixed() } });
  }

  const eventIds: string[] = [];
  for (const charge of charges) {
    const quantity = quantities.get(charge.metricId);
    if (!quantity) continue;
    for (const pct of thresholdsReached(quantity, charge.includedQuota.toFixed())) {
      const id = await emitBillingEvent(tx, {
        type: "usage.threshold_reached",
        serviceId: sub.serviceId,
        dedupeKey: `usage.threshold_reached:${sub.id}:${charge.metricId}:${period.start.toISOString()}:${pct}`,
        now,
        data: {
          external_subscription_id: sub.externalId,
          customer_id: sub.customerId,
          plan_code: sub.plan.code,
          metric_code: charge.metric.code,
          threshold_percent: pct,
          included_quota: charge.includedQuota.toFixed(),
          current_usage: quantity.toFixed(),
          period: { from: period.start.toISOString(), to: period.end.toISOString() },
        },
      });
      if (id) eventIds.push(id);
    }
  }
  return { invoiceId: invoice.id, refreshed: true, eventIds };
}
