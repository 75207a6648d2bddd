import type { Db } from "../../server/db";
import { saveCharge } from "../../server/billing/catalog/charges";
import { upsertCustomerForService } from "../../server/customers/upsert-customer-for-service";
import { rateSubscription } from "../../server/billing/rating/rate-open-periods";
import { createSubscription } from "../../server/billing/subscriptions/subscriptions";
import { ingestUsage } from "../../server/billing/usage/ingest-usage";
import { hashToken } from "../../server/security/tokens";

/**
 * Development-only API key of the demo service, printed in the README so a
 * newcomer can call /api/billing/v1 at once. Real services get random keys
 * (shown once) from the Services page.
 */
export const DEMO_BILLING_API_KEY = "sbk_demo_nexacloud_development_only";

const METRICS = [
  { code: "cpu_seconds", name: "CPU seconds", aggregation: "sum", unitLabel: "seconds" },
  { code: "api_calls", name: "API calls", aggregation: "sum", unitLabel: "calls" },
  { code: "active_users", name: "Active users", aggregation: "unique_count", unitLabel: "users" },
] as const;

/**
 * Billing demo: the NexaCloud service, three metrics, the cloud_pro plan
 * (CA$49/month, 5 core-hours included then CA$0.75 per started core-hour,
 * API calls on a graduated ladder), Maple Dental (the CRM's demo customer,
 * 13% HST) subscribed since the start of this month with some usage, rated
 * into its draft invoice. Running it again changes nothing.
 */
export async function seedBilling(db: Db, now: Date = new Date()): Promise<void> {
  const service = await db.billingService.upsert({
    where: { code: "nexacloud" },
    update: {},
    create: { code: "nexacloud", name: "NexaCloud", apiKeyHash: hashToken(DEMO_BILLING_API_KEY), apiKeyPrefix: DEMO_BILLING_API_KEY.slice(0, 11), rateLimitPerMinute: 600 },
  });
  const metricIds: Record<string, string> = {};
  for (const m of METRICS) {
    const metric = await db.billingMetric.upsert({ where: { code: m.code }, update: {}, create: { ...m } });
    metricIds[m.code] = metric.id;
  }
  let plan = await db.billingPlan.findUnique({ where: { code: "cloud_pro" } });
  if (!plan) {
    plan = await db.billingPlan.create({
      data: { code: "cloud_pro", name: "Cloud Pro", description: "A managed VPS with metered CPU and API", interval: "monthly", basePrice: "49.00", currency: "CAD", taxBehaviour: "exclusive" },
    });
    await saveCharge(db, plan.id, { metricId: metricIds.cpu_seconds!, model: "standard", includedQuota: "18000", unitPrice: "0.75", unitBatch: "3600" });
    await saveCharge(db, plan.id, {
      metricId: metricIds.api_calls!,
      model: "graduated",
      includedQuota: "100000",
      unitBatch: "1000",
      tiers: [
        { from: "0", to: "1000000", unitPrice: "0.10" },
        { from: "1000000", to: null, unitPrice: "0.08" },
      ],
    });
  }
  const { customer } = await upsertCustomerForService(db, service.id, "nc-user-1001", {
    name: "Maple Dental Group",
    email: "office@mapledental.example",
    region: "ON",
    country: "CA",
    taxRatePercent: "13",
  });

  let sub = await db.billingSubscription.findUnique({ where: { serviceId_externalId: { serviceId: service.id, externalId: "deploy-maple-01" } } });
  if (!sub) {
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    sub = await createSubscription(db, { customerId: customer.id, planId: plan.id, serviceId: service.id, externalId: "deploy-maple-01", startAt: monthStart }, now);
  }
  // Hourly CPU counters and daily API calls from the period's start (fixed keys: a re-run adds nothing).
  const start = sub.currentPeriodStart.getTime();
  const hour = 3_600_000;
  const usage = [
    ...Array.from({ length: 8 }, (_, i) => ({ metric: "cpu_seconds", quantity: "3600", from: start + i * hour, to: start + (i + 1) * hour, key: `seed-cpu-${i}` })),
    ...Array.from({ length: 3 }, (_, i) => ({ metric: "api_calls", quantity: "250000", from: start + i * 24 * hour, to: start + (i + 1) * 24 * hour, key: `seed-api-${i}` })),
  ].filter((u) => u.from < now.getTime());
  if (usage.length > 0) {
    await ingestUsage(db, service.id, {
      usage: usage.map((u) => ({
        external_subscription_id: sub.externalId,
        metric_code: u.metric,
        period: { from: new Date(u.from).toISOString(), to: new Date(u.to).toISOString() },
        quantity: u.quantity,
        idempotency_key: `${sub.currentPeriodStart.toISOString().slice(0, 7)}-${u.key}`,
      })),
    });
  }
  await rateSubscription(db, sub.id, now);
}
