import { apiSubscriptionChangeSchema } from "@/lib/validators/billing-api";
import { billingApi, jsonResponse, readJson } from "@/server/billing/api/api-handler";
import { lagoSubscriptionInclude, lagoSubscriptionJson } from "@/server/billing/lago/subscription-json";
import { terminateLagoSubscription } from "@/server/billing/lago/terminate-subscription";
import { updateLagoSubscription } from "@/server/billing/lago/update-subscription";
import { getServiceSubscriptionOrThrow } from "@/server/billing/subscriptions/subscriptions";
import { db } from "@/server/db";

type Params = { externalId: string };

async function lagoJson(serviceId: string, id: string) {
  const sub = await db.billingSubscription.findUniqueOrThrow({ where: { id }, include: lagoSubscriptionInclude(serviceId) });
  return lagoSubscriptionJson(sub);
}

// GET /api/billing/v1/subscriptions/:externalId – one of the service's subscriptions
export const GET = billingApi<Params>("subscriptions.get", async ({ service, params }) => {
  const sub = await getServiceSubscriptionOrThrow(db, service.id, params.externalId);
  return jsonResponse(200, { subscription: await lagoJson(service.id, sub.id) });
});

// PUT /api/billing/v1/subscriptions/:externalId – Lago's update (name, ending_at), or our plan change (plan_code, effective)
export const PUT = billingApi<Params>("subscriptions.update", async ({ request, service, params }) => {
  const { subscription: input } = apiSubscriptionChangeSchema.parse(await readJson(request));
  const sub = await getServiceSubscriptionOrThrow(db, service.id, params.externalId);
  await updateLagoSubscription(db, sub.id, input);
  return jsonResponse(200, { subscription: await lagoJson(service.id, sub.id) });
});

// DELETE /api/billing/v1/subscriptions/:externalId – terminate now, as Lago (final invoice issued, base prorated by day);
// ?when=period_end cancels at the end of the current period instead
export const DELETE = billingApi<Params>("subscriptions.terminate", async ({ request, service, params }) => {
  const sub = await getServiceSubscriptionOrThrow(db, service.id, params.externalId);
  const result = await terminateLagoSubscription(db, sub.id, new URL(request.url).searchParams);
  return jsonResponse(200, { subscription: await lagoJson(service.id, sub.id), invoice_ids: result.issuedInvoiceIds });
});
