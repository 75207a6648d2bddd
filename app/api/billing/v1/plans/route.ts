import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { planJson } from "@/server/billing/catalog/catalog-json";
import { listPlans } from "@/server/billing/catalog/plans";
import { db } from "@/server/db";

// GET /api/billing/v1/plans – active plans with their charges (apps key entitlements on plan codes)
export const GET = billingApi("plans.list", async () => {
  const plans = await listPlans(db, { activeOnly: true });
  return jsonResponse(200, { plans: plans.map(planJson) });
});
