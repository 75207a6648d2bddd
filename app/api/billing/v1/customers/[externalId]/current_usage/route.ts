import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { BillingError } from "@/server/billing/errors";
import { currentUsageJson } from "@/server/billing/lago/current-usage";
import { db } from "@/server/db";

// GET /api/billing/v1/customers/:externalId/current_usage?external_subscription_id= – the running period's usage and its amount so far
export const GET = billingApi<{ externalId: string }>("customers.current_usage", async ({ request, service, params }) => {
  const subscription = new URL(request.url).searchParams.get("external_subscription_id");
  if (!subscription) throw new BillingError("invalid_request", "external_subscription_id is required");
  return jsonResponse(200, { customer_usage: await currentUsageJson(db, service.id, params.externalId, subscription) });
});
