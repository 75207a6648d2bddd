import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { planJson } from "@/server/billing/catalog/catalog-json";
import { getPlanByCodeOrThrow } from "@/server/billing/catalog/plans";
import { db } from "@/server/db";

// GET /api/billing/v1/plans/:code – one plan with its charges
export const GET = billingApi<{ code: string }>("plans.get", async ({ params }) => {
  const plan = await getPlanByCodeOrThrow(db, params.code);
  return jsonResponse(200, { plan: planJson(plan) });
});
