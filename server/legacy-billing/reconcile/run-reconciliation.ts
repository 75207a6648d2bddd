/**
 * Dual-run reconciliation: for each imported shadow subscription and period,
 * what Switchboard would charge (the plan's flat price plus CPU overage,
 * priced by the rating engine's own pricePeriod from the legacy usage)
 * against the legacy invoices' subtotal before tax. Re-runnable: one row per
 * service, customer, subscription and period, upserted. The run itself
 * (batches, checkpoint, lease) is in reconciliation-runs.ts.
 */
import Decimal from "decimal.js";
import type { Db } from "@/server/db";
import { chargeSpec } from "@/server/billing/catalog/charges";
import { toDecimal } from "@/server/billing/charges";
import { pricePeriod } from "@/server/billing/rating/price-period";
import type { LegacyShadowRecord, Prisma } from "@/server/generated/prisma/client";
import { CPU_METRIC_CODE } from "../import/import-rows";
import type { LegacySource } from "../source/open-legacy-source";

export interface ReconLine {
  description: string;
  amount: string;
  invoice?: string | null;
}

/** match when |delta| ≤ tolerance, else delta (the edge itself is a match). */
export function reconciliationStatus(delta: Decimal.Value, tolerance: Decimal.Value): "match" | "delta" {
  return new Decimal(delta).abs().lessThanOrEqualTo(tolerance) ? "match" : "delta";
}

export interface LegacyActuals {
  usage: Map<string, Decimal>;
  invoices: Map<string, { subtotal: Decimal; lines: ReconLine[] }>;
}

const key = (sub: string, period: string) => `${sub}|${period}`;

/**
 * Usage and billed subtotals of these legacy subscriptions per YYYY-MM (or
 * one period), void and draft invoices left out.
 */
export async function readActuals(source: LegacySource, subscriptionIds: string[], period?: string): Promise<LegacyActuals> {
  const filter = `AND subscription_id = ANY($1::uuid[]) ${period ? "AND to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') = $2" : ""}`;
  const params: unknown[] = period ? [subscriptionIds, period] : [subscriptionIds];
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
        ${filter.replace("subscription_id", "i.subscription_id").replace("period_start", "i.period_start")}
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

/** Legacy subscriptions with usage or billed invoices (in the period) that were never imported. */
export async function countNotImported(db: Db, source: LegacySource, period?: string): Promise<number> {
  const filter = period ? "AND to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') = $1" : "";
  const active = await source.query<{ sub: string }>(
    `SELECT DISTINCT subscription_id::text AS sub FROM usage_records WHERE subscription_id IS NOT NULL ${filter}
     UNION SELECT DISTINCT subscription_id::text FROM invoices WHERE subscription_id IS NOT NULL AND status NOT IN ('void', 'draft') ${filter}`,
    period ? [period] : [],
  );
  const imported = await db.legacyShadowRecord.findMany({ where: { kind: "subscription", legacyId: { in: active.map((a) => a.sub) } }, select: { legacyId: true } });
  return active.length - imported.length;
}

/** One reconciliation row as computed: the unique key, and the values to upsert. */
export interface ComputedRow {
  where: { serviceId: string; customerId: string; subscriptionId: string; period: string };
  ours: Decimal;
  legacy: Decimal;
  status: "match" | "delta";
  values: {
    legacySubscriptionId: string;
    switchboardAmount: string;
    legacyAmount: string;
    delta: string;
    switchboardLines: Prisma.InputJsonValue;
    legacyLines: Prisma.InputJsonValue;
  };
}

/** Prices one shadow subscription for every period the legacy side has usage or invoices in. Reads only. */
export async function computeShadowRows(db: Db, serviceId: string, shadow: LegacyShadowRecord, actuals: LegacyActuals, tolerance: Decimal.Value): Promise<ComputedRow[]> {
  const data = shadow.data as { flatPrice: string; cycle: "monthly" | "yearly"; legacyStatus: string };
  const sub = await db.billingSubscription.findUnique({ where: { id: shadow.targetId }, include: { plan: true } });
  if (!sub) return [];
  const periods = new Set<string>();
  for (const k of [...actuals.usage.keys(), ...actuals.invoices.keys()]) {
    const [legacyId, period] = k.split("|") as [string, string];
    if (legacyId === shadow.legacyId) periods.add(period);
  }
  if (periods.size === 0) return [];
  const charges = await db.billingCharge.findMany({ where: { planId: sub.planId }, include: { metric: true } });
  const rows: ComputedRow[] = [];
  for (const period of [...periods].sort()) {
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
    rows.push({
      where: { serviceId, customerId: sub.customerId, subscriptionId: sub.id, period },
      ours,
      legacy: legacy.subtotal,
      status: reconciliationStatus(delta, tolerance),
      values: {
        legacySubscriptionId: shadow.legacyId,
        switchboardAmount: ours.toFixed(),
        legacyAmount: legacy.subtotal.toFixed(),
        delta: delta.toFixed(),
        switchboardLines: priced.lines
          .filter((l) => !l.amount.isZero() || l.kind === "base")
          .map((l) => ({ description: l.description, amount: l.amount.toFixed(3) })),
        legacyLines: legacy.lines as unknown as Prisma.InputJsonValue,
      },
    });
  }
  return rows;
}

/**
 * Upserts one computed row inside the caller's transaction. A resolved row
 * stays resolved while neither side's amount has moved. Returns its status.
 */
export async function saveComputedRow(tx: Prisma.TransactionClient, row: ComputedRow): Promise<"match" | "delta" | "resolved"> {
  const unique = { serviceId_customerId_subscriptionId_period: row.where };
  const existing = await tx.legacyReconciliation.findUnique({ where: unique });
  const keepResolved = existing?.status === "resolved" && existing.switchboardAmount.equals(row.ours.toFixed()) && existing.legacyAmount.equals(row.legacy.toFixed());
  const status: "match" | "delta" | "resolved" = keepResolved ? "resolved" : row.status;
  const values = { ...row.values, status, computedAt: new Date(), ...(keepResolved ? {} : { resolvedAt: null, resolvedById: null }) };
  await tx.legacyReconciliation.upsert({ where: unique, create: { ...row.where, ...values }, update: values });
  return status;
}
