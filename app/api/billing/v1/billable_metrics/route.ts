import { billingApi, jsonResponse, pageMeta, pagingFrom } from "@/server/billing/api/api-handler";
import { lagoMetricJson } from "@/server/billing/lago/catalog-json";
import { db } from "@/server/db";

// GET /api/billing/v1/billable_metrics – the metrics usage is pushed under (shared by every service, edited in the console)
export const GET = billingApi("billable_metrics.list", async ({ request }) => {
  const paging = pagingFrom(new URL(request.url));
  const [rows, total] = await Promise.all([
    db.billingMetric.findMany({ orderBy: { code: "asc" }, skip: (paging.page - 1) * paging.pageSize, take: paging.pageSize }),
    db.billingMetric.count(),
  ]);
  return jsonResponse(200, { billable_metrics: rows.map(lagoMetricJson), meta: pageMeta({ total, ...paging }) });
});
