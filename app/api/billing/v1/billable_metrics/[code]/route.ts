import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { notFound } from "@/server/billing/errors";
import { lagoMetricJson } from "@/server/billing/lago/catalog-json";
import { db } from "@/server/db";

// GET /api/billing/v1/billable_metrics/:code – one metric
export const GET = billingApi<{ code: string }>("billable_metrics.get", async ({ params }) => {
  const metric = await db.billingMetric.findUnique({ where: { code: params.code } });
  if (!metric) throw notFound("Billable metric", params.code);
  return jsonResponse(200, { billable_metric: lagoMetricJson(metric) });
});
