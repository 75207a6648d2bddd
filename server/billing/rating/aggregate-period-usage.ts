/**
 * A period's usage per metric, aggregated in PostgreSQL (a period can hold
 * millions of counters; they never travel to Node). Counters belong to the
 * period their window starts in. Results are exact decimals, rounded per the
 * metric's rule, matching aggregateUsage() for the same counters.
 */
import type Decimal from "decimal.js";
import type { DbOrTx } from "@/server/db";
import type { BillingMetric } from "@/server/generated/prisma/client";
import { BillingDecimal, ZERO } from "../charges/decimal";
import { roundQuantity } from "../charges/round-quantity";
import type { BillingPeriod } from "../subscriptions/billing-period";

type MetricRef = Pick<BillingMetric, "id" | "aggregation" | "rounding" | "roundingPrecision">;

/** metricId → aggregated quantity for [period.start, period.end); metrics without usage give 0. */
export async function aggregatePeriodUsage(
  db: DbOrTx,
  subscriptionId: string,
  metrics: readonly MetricRef[],
  period: BillingPeriod,
): Promise<Map<string, Decimal>> {
  const out = new Map<string, Decimal>(metrics.map((m) => [m.id, ZERO]));
  if (metrics.length === 0) return out;
  const ids = metrics.map((m) => m.id);
  const grouped = await db.$queryRawUnsafe<Array<{ metricId: string; total: string | null; peak: string | null; uniques: string }>>(
    `SELECT "metricId",
            SUM("quantity")::text AS total,
            MAX("quantity")::text AS peak,
            COUNT(DISTINCT "uniqueKey") FILTER (WHERE "quantity" > 0)::text AS uniques
       FROM "BillingUsageRecord"
      WHERE "subscriptionId" = $1 AND "metricId" = ANY($2::text[])
        AND "periodStart" >= $3::timestamp(3) AND "periodStart" < $4::timestamp(3)
      GROUP BY "metricId"`,
    subscriptionId,
    ids,
    period.start.toISOString(),
    period.end.toISOString(),
  );
  const lastIds = metrics.filter((m) => m.aggregation === "last").map((m) => m.id);
  // "last": the counter whose window ends latest (ties: the one received last).
  const latest = lastIds.length
    ? await db.$queryRawUnsafe<Array<{ metricId: string; quantity: string }>>(
        `SELECT DISTINCT ON ("metricId") "metricId", "quantity"::text AS quantity
           FROM "BillingUsageRecord"
          WHERE "subscriptionId" = $1 AND "metricId" = ANY($2::text[])
            AND "periodStart" >= $3::timestamp(3) AND "periodStart" < $4::timestamp(3)
          ORDER BY "metricId", "periodEnd" DESC, "id" DESC`,
        subscriptionId,
        lastIds,
        period.start.toISOString(),
        period.end.toISOString(),
      )
    : [];
  const lastByMetric = new Map(latest.map((r) => [r.metricId, r.quantity]));
  const byMetric = new Map(grouped.map((g) => [g.metricId, g]));
  for (const metric of metrics) {
    const g = byMetric.get(metric.id);
    let raw: Decimal = ZERO;
    switch (metric.aggregation) {
      case "sum":
        raw = new BillingDecimal(g?.total ?? "0");
        break;
      case "max":
        raw = new BillingDecimal(g?.peak ?? "0");
        break;
      case "unique_count":
        raw = new BillingDecimal(g?.uniques ?? "0");
        break;
      case "last":
        raw = new BillingDecimal(lastByMetric.get(metric.id) ?? "0");
        break;
    }
    out.set(metric.id, roundQuantity(raw, { mode: metric.rounding, precision: metric.roundingPrecision }));
  }
  return out;
}
