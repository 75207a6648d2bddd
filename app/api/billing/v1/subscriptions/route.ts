import { apiSubscriptionCreateSchema } from "@/lib/validators/billing-api";
import { billingApi, jsonResponse, pageMeta, pagingFrom, readJson } from "@/server/billing/api/api-handler";
import { getPlanByCodeOrThrow } from "@/server/billing/catalog/plans";
import { BillingError } from "@/server/billing/errors";
import { subscriptionJson } from "@/server/billing/invoices/invoice-json";
import { createSubscription } from "@/server/billing/subscriptions/subscriptions";
import { db } from "@/server/db";

// POST /api/billing/v1/subscriptions – subscribe one of the service's customers to a plan
export const POST = billingApi("subscriptions.create", async ({ request, service }) => {
  const { subscription: s } = apiSubscriptionCreateSchema.parse(await readJson(request));
  const link = await db.billingAccountLink.findUnique({
    where: { serviceId_externalId: { serviceId: service.id, externalId: s.external_customer_id } },
    select: { customerId: true },
  });
  if (!link) {
    throw new BillingError("not_found", `Customer ${s.external_customer_id} was not found; create it with POST /customers first`, {
      field: "subscription.external_customer_id",
    });
  }
  const plan = await getPlanByCodeOrThrow(db, s.plan_code);
  const created = await createSubscription(db, {
    customerId: link.customerId,
    planId: plan.id,
    serviceId: service.id,
    externalId: s.external_id,
    ...(s.subscription_at ? { startAt: new Date(s.subscription_at) } : {}),
  });
  return jsonResponse(201, { subscription: subscriptionJson(created) });
});

// GET /api/billing/v1/subscriptions – the service's subscriptions (optionally ?status=active)
export const GET = billingApi("subscriptions.list", async ({ request, service }) => {
  const url = new URL(request.url);
  const paging = pagingFrom(url);
  const status = url.searchParams.get("status");
  const statuses = ["active", "past_due", "paused", "cancelled", "terminated"] as const;
  if (status && !(statuses as readonly string[]).includes(status)) {
    throw new BillingError("invalid_request", `status must be one of ${statuses.join(", ")}`);
  }
  const where = { serviceId: service.id, ...(status ? { status: status as (typeof statuses)[number] } : {}) };
  const [rows, total] = await Promise.all([
    db.billingSubscription.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (paging.page - 1) * paging.pageSize,
      take: paging.pageSize,
      include: { plan: { select: { code: true } }, pendingPlan: { select: { code: true } } },
    }),
    db.billingSubscription.count({ where }),
  ]);
  return jsonResponse(200, { subscriptions: rows.map(subscriptionJson), meta: pageMeta({ total, ...paging }) });
});
