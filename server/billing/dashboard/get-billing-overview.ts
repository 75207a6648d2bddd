/**
 * Figures for the billing dashboard: what is owed and collected, subscription
 * health, usage intake and webhook health. Sums are done in PostgreSQL on
 * NUMERIC columns and come back as decimal strings.
 */
import type { DbOrTx } from "@/server/db";

export interface BillingOverview {
  currency: string;
  /** Amount still owed on open invoices. */
  outstanding: string;
  /** Collected in the last 30 days. */
  collected30d: string;
  /** What the running periods' drafts add up to so far. */
  draftTotal: string;
  subscriptions: Record<"active" | "past_due" | "paused" | "cancelled" | "terminated", number>;
  invoicesByStatus: Array<{ status: string; count: number }>;
  revenueByMonth: Array<{ month: string; collected: string; invoiced: string }>;
  usageByDay: Array<{ day: string; counters: number }>;
  uncollectible: number;
  deadWebhooks: number;
  failedWebhooks: number;
}

export async function getBillingOverview(db: DbOrTx, now: Date = new Date()): Promise<BillingOverview> {
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const since14 = new Date(now.getTime() - 14 * 86_400_000);
  const sinceMonths = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1));

  const [currencyRow, subs, statusCounts, webhookCounts] = await Promise.all([
    db.$queryRawUnsafe<Array<{ currency: string }>>(
      `SELECT currency FROM "BillingPlan" GROUP BY currency ORDER BY COUNT(*) DESC, currency LIMIT 1`,
    ),
    // Shadow subscriptions (legacy dual-run) are not customers of ours yet.
    db.billingSubscription.groupBy({ by: ["status"], where: { shadow: false }, _count: { _all: true } }),
    db.billingInvoice.groupBy({ by: ["status"], _count: { _all: true } }),
    db.billingWebhookDelivery.groupBy({ by: ["status"], _count: { _all: true }, where: { status: { in: ["dead", "failed"] } } }),
  ]);
  const currency = currencyRow[0]?.currency ?? "CAD";

  const [money] = await db.$queryRawUnsafe<Array<{ outstanding: string; drafts: string }>>(
    `SELECT COALESCE(SUM(GREATEST(total - "amountPaid" - "amountCredited", 0)) FILTER (WHERE status = 'open'), 0)::text AS outstanding,
            COALESCE(SUM(total) FILTER (WHERE status = 'draft'), 0)::text AS drafts
       FROM "BillingInvoice" WHERE currency = $1`,
    currency,
  );
  const [collected] = await db.$queryRawUnsafe<Array<{ collected: string }>>(
    `SELECT COALESCE(SUM(amount - "amountRefunded"), 0)::text AS collected
       FROM "BillingPayment" WHERE status IN ('succeeded', 'partially_refunded') AND currency = $1 AND "updatedAt" >= $2::timestamp(3)`,
    currency,
    since30.toISOString(),
  );
  const monthly = await db.$queryRawUnsafe<Array<{ month: string; collected: string; invoiced: string }>>(
    `WITH months AS (
       SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series($2::timestamp(3), $3::timestamp(3), interval '1 month') AS m
     ),
     paid AS (
       SELECT to_char(date_trunc('month', "updatedAt"), 'YYYY-MM') AS month, SUM(amount - "amountRefunded") AS total
         FROM "BillingPayment" WHERE status IN ('succeeded', 'partially_refunded') AND currency = $1 AND "updatedAt" >= $2::timestamp(3)
        GROUP BY 1
     ),
     issued AS (
       SELECT to_char(date_trunc('month', "issuedAt"), 'YYYY-MM') AS month, SUM(total) AS total
         FROM "BillingInvoice" WHERE "issuedAt" IS NOT NULL AND status <> 'void' AND currency = $1 AND "issuedAt" >= $2::timestamp(3)
        GROUP BY 1
     )
     SELECT months.month, COALESCE(paid.total, 0)::text AS collected, COALESCE(issued.total, 0)::text AS invoiced
       FROM months LEFT JOIN paid USING (month) LEFT JOIN issued USING (month) ORDER BY months.month`,
    currency,
    sinceMonths.toISOString(),
    now.toISOString(),
  );
  const usage = await db.$queryRawUnsafe<Array<{ day: string; counters: string }>>(
    `WITH days AS (
       SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series(date_trunc('day', $1::timestamp(3)), date_trunc('day', $2::timestamp(3)), interval '1 day') AS d
     )
     SELECT days.day, COALESCE(u.n, 0)::text AS counters
       FROM days LEFT JOIN (
         SELECT to_char(date_trunc('day', "receivedAt"), 'YYYY-MM-DD') AS day, COUNT(*) AS n
           FROM "BillingUsageRecord" WHERE "receivedAt" >= date_trunc('day', $1::timestamp(3)) GROUP BY 1
       ) u USING (day)
      ORDER BY days.day`,
    since14.toISOString(),
    now.toISOString(),
  );

  const subscriptions = { active: 0, past_due: 0, paused: 0, cancelled: 0, terminated: 0 };
  for (const s of subs) subscriptions[s.status] = s._count._all;
  const statusCount = (status: string) => statusCounts.find((s) => s.status === status)?._count._all ?? 0;
  const webhookCount = (status: string) => webhookCounts.find((s) => s.status === status)?._count._all ?? 0;
  return {
    currency,
    outstanding: money?.outstanding ?? "0",
    collected30d: collected?.collected ?? "0",
    draftTotal: money?.drafts ?? "0",
    subscriptions,
    invoicesByStatus: statusCounts.map((s) => ({ status: s.status, count: s._count._all })),
    revenueByMonth: monthly,
    usageByDay: usage.map((u) => ({ day: u.day, counters: Number(u.counters) })),
    uncollectible: statusCount("uncollectible"),
    deadWebhooks: webhookCount("dead"),
    failedWebhooks: webhookCount("failed"),
  };
}
