import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { metricJson, planJson } from "@/server/billing/catalog/catalog-json";
import { listPlans } from "@/server/billing/catalog/plans";
import { db } from "@/server/db";

// GET /api/billing/v1/catalog – every billable metric and active plan
export const GET = billingApi("catalog.get", async () => {
  const [metrics, plans] = await Promise.all([db.billingMetric.findMany({ orderBy: { code: "asc" } }), listPlans(db, { activeOnly: true })]);
  return jsonResponse(200, { metrics: metrics.map(metricJson), plans: plans.map(planJson) });
});
