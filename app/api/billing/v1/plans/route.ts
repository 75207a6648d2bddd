import { billingApi, jsonResponse, pageMeta, pagingFrom } from "@/server/billing/api/api-handler";
import { listPlans } from "@/server/billing/catalog/plans";
import { lagoPlanJson } from "@/server/billing/lago/catalog-json";
import { db } from "@/server/db";

// GET /api/billing/v1/plans – the active plans with their charges. Plans are one catalog shared by every service
// (apps key entitlements on plan codes); they are edited in the console.
export const GET = billingApi("plans.list", async ({ request }) => {
  const paging = pagingFrom(new URL(request.url));
  const plans = await listPlans(db, { activeOnly: true });
  const page = plans.slice((paging.page - 1) * paging.pageSize, paging.page * paging.pageSize);
  return jsonResponse(200, { plans: page.map(lagoPlanJson), meta: pageMeta({ total: plans.length, ...paging }) });
});
