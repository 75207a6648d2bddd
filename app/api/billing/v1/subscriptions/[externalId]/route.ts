import { apiSubscriptionChangeSchema } from "@/lib/validators/billing-api";
import { billingApi, jsonResponse, readJson } from "@/server/billing/api/api-handler";
import { billingConfig } from "@/server/billing/billing-config";
import { getPlanByCodeOrThrow } from "@/server/billing/catalog/plans";
import { dispatchBillingEvents, dispatchIssuedInvoices } from "@/server/billing/dispatch";
import { BillingError } from "@/server/billing/errors";
import { subscriptionJson } from "@/server/billing/invoices/invoice-json";
import { closeSubscriptionPeriod } from "@/server/billing/rating/close-period";
import {
  cancelSubscriptionAtPeriodEnd,
  changeSubscriptionPlan,
  getServiceSubscriptionOrThrow,
} from "@/server/billing/subscriptions/subscriptions";
import { db } from "@/server/db";

type Params = { externalId: string };

// GET /api/billing/v1/subscriptions/:externalId – one of the service's subscriptions
export const GET = billingApi<Params>("subscriptions.get", async ({ service, params }) => {
  const sub = await getServiceSubscriptionOrThrow(db, service.id, params.externalId);
  return jsonResponse(200, { subscription: subscriptionJson(sub) });
});

// PUT /api/billing/v1/subscriptions/:externalId – change plan (upgrade/downgrade), at the next period unless effective=immediately
export const PUT = billingApi<Params>("subscriptions.change", async ({ request, service, params }) => {
  const { subscription: input } = apiSubscriptionChangeSchema.parse(await readJson(request));
  const sub = await getServiceSubscriptionOrThrow(db, service.id, params.externalId);
  const plan = await getPlanByCodeOrThrow(db, input.plan_code);
  const changed = await changeSubscriptionPlan(db, sub.id, { planId: plan.id, effective: input.effective });
  return jsonResponse(200, { subscription: subscriptionJson(changed) });
});

// DELETE /api/billing/v1/subscriptions/:externalId – cancel at period end (default) or terminate now (?when=now, final invoice issued)
export const DELETE = billingApi<Params>("subscriptions.cancel", async ({ request, service, params }) => {
  const when = new URL(request.url).searchParams.get("when") ?? "period_end";
  if (when !== "period_end" && when !== "now") throw new BillingError("invalid_request", "when must be period_end or now");
  const sub = await getServiceSubscriptionOrThrow(db, service.id, params.externalId);
  if (when === "period_end") {
    const cancelled = await cancelSubscriptionAtPeriodEnd(db, sub.id);
    return jsonResponse(200, { subscription: subscriptionJson(cancelled) });
  }
  if (sub.status === "terminated") throw new BillingError("invalid_state", "The subscription is already terminated");
  const closed = await closeSubscriptionPeriod(db, sub.id, { terminateNow: true, dueDays: billingConfig().invoiceDueDays });
  await dispatchBillingEvents(closed.eventIds);
  await dispatchIssuedInvoices(closed.chargeableInvoiceIds);
  const after = await getServiceSubscriptionOrThrow(db, service.id, params.externalId);
  return jsonResponse(200, { subscription: subscriptionJson(after), invoice_ids: closed.issuedInvoiceIds });
});
