/** A service's customer by the external id its app knows it by (services never see each other's accounts). */
import type { DbOrTx } from "@/server/db";
import { BillingError } from "../errors";

export async function getServiceCustomerOrThrow(db: DbOrTx, serviceId: string, externalId: string, field?: string) {
  const link = await db.billingAccountLink.findUnique({
    where: { serviceId_externalId: { serviceId, externalId } },
    include: { customer: true },
  });
  if (!link) {
    throw new BillingError("not_found", `Customer ${externalId} was not found`, field ? { field } : { external_customer_id: externalId });
  }
  return link;
}
