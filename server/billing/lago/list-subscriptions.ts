/** GET /subscriptions with Lago's filters, scoped to the calling service. */
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { BillingError } from "../errors";
import { lagoSubscriptionInclude } from "./subscription-json";

const LAGO_STATUSES = ["active", "pending", "terminated", "canceled"] as const;

function statusWhere(statuses: string[], now: Date): Prisma.BillingSubscriptionWhereInput {
  const bad = statuses.filter((s) => !(LAGO_STATUSES as readonly string[]).includes(s));
  if (bad.length > 0) throw new BillingError("invalid_request", `status[] must be among ${LAGO_STATUSES.join(", ")}; got ${bad.join(", ")}`);
  const live = { status: { not: "terminated" as const } };
  const or: Prisma.BillingSubscriptionWhereInput[] = [];
  if (statuses.includes("active")) or.push({ ...live, startedAt: { lte: now } });
  if (statuses.includes("pending")) or.push({ ...live, startedAt: { gt: now } });
  if (statuses.includes("terminated")) or.push({ status: "terminated" });
  // "canceled" (a pending subscription called off before it started) never happens here: it matches nothing.
  return or.length > 0 ? { OR: or } : { id: { in: [] } };
}

export async function listLagoSubscriptions(
  db: DbOrTx,
  serviceId: string,
  query: URLSearchParams,
  paging: { page: number; pageSize: number },
  now: Date = new Date(),
) {
  const statuses = [...query.getAll("status[]"), ...query.getAll("status")];
  const externalCustomer = query.get("external_customer_id");
  const planCode = query.get("plan_code");
  const externalId = query.get("external_id");
  const where: Prisma.BillingSubscriptionWhereInput = {
    serviceId,
    ...statusWhere(statuses.length > 0 ? statuses : ["active", "pending"], now),
    ...(externalCustomer ? { customer: { billingAccountLinks: { some: { serviceId, externalId: externalCustomer } } } } : {}),
    ...(planCode ? { plan: { code: planCode } } : {}),
    ...(externalId ? { externalId } : {}),
  };
  const [rows, total] = await Promise.all([
    db.billingSubscription.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (paging.page - 1) * paging.pageSize,
      take: paging.pageSize,
      include: lagoSubscriptionInclude(serviceId),
    }),
    db.billingSubscription.count({ where }),
  ]);
  return { rows, total };
}
