import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { getServiceCustomerOrThrow } from "@/server/billing/lago/service-customer";
import { lagoCustomerJson } from "@/server/billing/lago/customer-json";
import { db } from "@/server/db";

// GET /api/billing/v1/customers/:externalId – one of the service's customers
export const GET = billingApi<{ externalId: string }>("customers.get", async ({ service, params }) => {
  const link = await getServiceCustomerOrThrow(db, service.id, params.externalId);
  return jsonResponse(200, { customer: lagoCustomerJson(link.customer, link.externalId) });
});
