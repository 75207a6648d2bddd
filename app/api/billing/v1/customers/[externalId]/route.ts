import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { BillingError } from "@/server/billing/errors";
import { customerJson } from "@/server/billing/invoices/invoice-json";
import { db } from "@/server/db";

// GET /api/billing/v1/customers/:externalId – one of the service's customers
export const GET = billingApi<{ externalId: string }>("customers.get", async ({ service, params }) => {
  const link = await db.billingAccountLink.findUnique({
    where: { serviceId_externalId: { serviceId: service.id, externalId: params.externalId } },
    include: { customer: true },
  });
  if (!link) throw new BillingError("not_found", `Customer ${params.externalId} was not found`);
  return jsonResponse(200, { customer: customerJson(link.customer, link.externalId) });
});
