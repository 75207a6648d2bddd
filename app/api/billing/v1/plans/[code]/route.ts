import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { getPlanByCodeOrThrow } from "@/server/billing/catalog/plans";
import { lagoPlanJson } from "@/server/billing/lago/catalog-json";
import { db } from "@/server/db";

// GET /api/billing/v1/plans/:code – one plan with its charges
export const GET = billingApi<{ code: string }>("plans.get", async ({ params }) => {
  return jsonResponse(200, { plan: lagoPlanJson(await getPlanByCodeOrThrow(db, params.code)) });
});
