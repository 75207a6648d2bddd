import { apiSubscriptionCreateSchema } from "@/lib/validators/billing-api";
import { billingApi, jsonResponse, pageMeta, pagingFrom, readJson } from "@/server/billing/api/api-handler";
import { listLagoSubscriptions } from "@/server/billing/lago/list-subscriptions";
import { lagoSubscriptionInclude, lagoSubscriptionJson } from "@/server/billing/lago/subscription-json";
import { upsertLagoSubscription } from "@/server/billing/lago/upsert-subscription";
import { db } from "@/server/db";

// POST /api/billing/v1/subscriptions – subscribe a customer, or (same external_id, new plan_code) upgrade/downgrade, as Lago
export const POST = billingApi("subscriptions.create", async ({ request, service }) => {
  const { subscription: input } = apiSubscriptionCreateSchema.parse(await readJson(request));
  const result = await upsertLagoSubscription(db, service.id, input);
  const sub = await db.billingSubscription.findUniqueOrThrow({ where: { id: result.id }, include: lagoSubscriptionInclude(service.id) });
  return jsonResponse(result.created ? 201 : 200, { subscription: lagoSubscriptionJson(sub, result.previousPlanCode) });
});

// GET /api/billing/v1/subscriptions – Lago's filters: external_customer_id, plan_code, status[] (default active and pending)
export const GET = billingApi("subscriptions.list", async ({ request, service }) => {
  const url = new URL(request.url);
  const paging = pagingFrom(url);
  const result = await listLagoSubscriptions(db, service.id, url.searchParams, paging);
  return jsonResponse(200, { subscriptions: result.rows.map((s) => lagoSubscriptionJson(s)), meta: pageMeta({ total: result.total, ...paging }) });
});
