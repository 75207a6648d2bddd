import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { listPlans } from "@/server/billing/catalog/plans";
import { lagoMetricJson, lagoPlanJson } from "@/server/billing/lago/catalog-json";
import { db } from "@/server/db";

// GET /api/billing/v1/catalog – every billable metric and active plan in one call (Lago shapes)
export const GET = billingApi("catalog.get", async () => {
  const [metrics, plans] = await Promise.all([db.billingMetric.findMany({ orderBy: { code: "asc" } }), listPlans(db, { activeOnly: true })]);
  return jsonResponse(200, { billable_metrics: metrics.map(lagoMetricJson), plans: plans.map(lagoPlanJson) });
});
