/**
 * Dual-run reconciliation: for each imported shadow subscription and period,
 * what Switchboard would charge (the plan's flat price plus CPU overage,
 * priced by the rating engine's own pricePeriod from the legacy usage)
 * against the legacy invoices' subtotal before tax. Re-runnable: one row per
 * service, customer, subscription and period, upserted.
 */
import Decimal from "decimal.js";
import type { Db } from "@/server/db";
import { chargeSpec } from "@/server/billing/catalog/charges";
import { toDecimal } from "@/server/billing/charges";
import { pricePeriod } from "@/server/billing/rating/price-period";
import type { Prisma } from "@/server/generated/prisma/client";
import { CPU_METRIC_CODE, LEGACY_SERVICE_CODE } from "../import/import-rows";
import type { LegacySource } from "../source/open-legacy-source";

export interface ReconcileSummary {
  periods: string[];
  match: number;
  delta: number;
  resolved: number;
  /** Legacy subscriptions with usage or invoices that were never imported. */
  notImported: number;
}

export interface ReconLine {
  description: string;
  amount: string;
  invoice?: string | null;
}

/** match when |delta| ≤ tolerance, else delta (the edge itself is a match). */
export function reconciliationStatus(delta: Decimal.Value, tolerance: Decimal.Value): "match" | "delta" {
  return new Decimal(delta).abs().lessThanOrEqualTo(tolerance) ? "match" : "delta";
}

interface LegacyActuals {
  usage: Map<string, Decimal>;
  invoices: Map<string, { subtotal: Decimal; lines: ReconLine[] }>;
}

const key = (sub: string, period: string) => `${sub}|${period}`;

/** Usage and billed subtotals per legacy subscription and YYYY-MM, void and draft invoices left out. */
async function readActuals(source: LegacySource, period?: string): Promise<LegacyActuals> {
  const filter = period ? "AND to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') = $1" : "";
  const params = period ? [period] : [];
  const usage = await source.query<{ sub: string; period: string; cpu: string }>(
    `SELECT subscription_id::text AS sub, to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS period, sum(cpu_seconds)::text AS cpu
       FROM usage_records WHERE subscription_id IS NOT NULL ${filter} GROUP BY 1, 2`,
    params,
  );
  const items = await source.query<{ sub: string; period: string; invoice: string | null; description: string; amount: string }>(
    `SELECT i.subscription_id::text AS sub, to_char(i.period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS period,
            coalesce(i.invoice_number, i.stripe_invoice_id) AS invoice, ii.description, ii.amount::text AS amount
       FROM invoices i JOIN invoice_items ii ON ii.invoice_id = i.id
      WHERE i.subscription_id IS NOT NULL AND i.status NOT IN ('void', 'draft') AND i.period_start IS NOT NULL
        ${filter.replace("period_start", "i.period_start")}
      ORDER BY i.id, ii.id`,
    params,
  );
  const actuals: LegacyActuals = { usage: new Map(), invoices: new Map() };
  for (const u of usage) actuals.usage.set(key(u.sub, u.period), new Decimal(u.cpu));
  for (const it of items) {
    const k = key(it.sub, it.period);
    const entry = actuals.invoices.get(k) ?? { subtotal: new Decimal(0), lines: [] };
    entry.subtotal = entry.subtotal.plus(it.amount);
    entry.lines.push({ description: it.description, amount: it.amount, invoice: it.invoice });
    actuals.invoices.set(k, entry);
  }
  return actuals;
}

function monthsBetween(from: Date, period: string): number {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return (y - from.getUTCFullYear()) * 12 + (m - 1 - from.getUTCMonth());
}

/** Reconciles every imported subscription (or one period) and upserts the rows. */
export async function runReconciliation(db: Db, source: LegacySource, opts: { period?: string; tolerance: Decimal.Value }): Promise<ReconcileSummary> {
  const actuals = await readActuals(source, opts.period);
  const service = await db.billingService.findUnique({ where: { code: LEGACY_SERVICE_CODE }, select: { id: true } });
  const shadows = await db.legacyShadowRecord.findMany({ where: { kind: "subscription" } });
  const summary: ReconcileSummary = { periods: [], match: 0, delta: 0, resolved: 0, notImported: 0 };
  const imported = new Set(shadows.map((s) => s.legacyId));
  const periodsBySub = new Map<string, Set<string>>();
  for (const k of [...actuals.usage.keys(), ...actuals.invoices.keys()]) {
    const [sub, period] = k.split("|") as [string, string];
    if (!imported.has(sub)) continue;
    periodsBySub.set(sub, (periodsBySub.get(sub) ?? new Set()).add(period));
  }
  summary.notImported = new Set([...actuals.usage.keys(), ...actuals.invoices.keys()].map((k) => k.split("|")[0]).filter((s) => !imported.has(s!))).size;
  if (!service) return summary;
  const periods = new Set<string>();

  for (const shadow of shadows) {
    const data = shadow.data as { flatPrice: string; cycle: "monthly" | "yearly"; legacyStatus: string };
    const sub = await db.billingSubscription.findUnique({
      where: { id: shadow.targetId },
      include: { plan: true, customer: { select: { id: true } } },
    });
    if (!sub) continue;
    const charges = await db.billingCharge.findMany({ where: { planId: sub.planId }, include: { metric: true } });
    for (const period of periodsBySub.get(shadow.legacyId) ?? []) {
      periods.add(period);
      const cpu = actuals.usage.get(key(shadow.legacyId, period)) ?? new Decimal(0);
      const legacy = actuals.invoices.get(key(shadow.legacyId, period)) ?? { subtotal: new Decimal(0), lines: [] };
      // Yearly plans bill the flat price in the month each year starts; trials bill none.
      const elapsed = monthsBetween(sub.currentPeriodStart, period);
      const flatDue = data.legacyStatus !== "trialing" && (data.cycle === "monthly" || ((elapsed % 12) + 12) % 12 === 0);
      const priced = pricePeriod({
        plan: { name: sub.plan.name, basePrice: data.flatPrice, interval: sub.plan.interval, taxBehaviour: "exclusive", currency: sub.plan.currency },
        charges: charges.map((c) => ({ id: c.id, metric: c.metric, spec: chargeSpec(c) })),
        quantities: new Map(charges.filter((c) => c.metric.code === CPU_METRIC_CODE).map((c) => [c.metric.id, toDecimal(cpu.toFixed())])),
        taxRatePercent: "0",
        includeBasePrice: flatDue,
      });
      const ours = new Decimal(priced.totals.subtotal.toFixed());
      const delta = ours.minus(legacy.subtotal);
      const status = reconciliationStatus(delta, opts.tolerance);
      const where = { serviceId: service.id, customerId: sub.customer.id, subscriptionId: sub.id, period };
      const existing = await db.legacyReconciliation.findUnique({ where: { serviceId_customerId_subscriptionId_period: where } });
      // A resolved row stays resolved while neither side's amount has moved.
      const keepResolved =
        existing?.status === "resolved" && existing.switchboardAmount.equals(ours.toFixed()) && existing.legacyAmount.equals(legacy.subtotal.toFixed());
      const finalStatus: "match" | "delta" | "resolved" = keepResolved ? "resolved" : status;
      const values = {
        legacySubscriptionId: shadow.legacyId,
        switchboardAmount: ours.toFixed(),
        legacyAmount: legacy.subtotal.toFixed(),
        delta: delta.toFixed(),
        status: finalStatus,
        switchboardLines: priced.lines
          .filter((l) => !l.amount.isZero() || l.kind === "base")
          .map((l) => ({ description: l.description, amount: l.amount.toFixed(3) })) as Prisma.InputJsonValue,
        legacyLines: legacy.lines as unknown as Prisma.InputJsonValue,
        computedAt: new Date(),
        ...(keepResolved ? {} : { resolvedAt: null, resolvedById: null }),
      };
      await db.legacyReconciliation.upsert({
        where: { serviceId_customerId_subscriptionId_period: where },
        create: { ...where, ...values },
        update: values,
      });
      summary[finalStatus] += 1;
    }
  }
  summary.periods = [...periods].sort();
  return summary;
}
