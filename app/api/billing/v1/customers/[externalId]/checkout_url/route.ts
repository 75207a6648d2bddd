import { billingApi, jsonResponse } from "@/server/billing/api/api-handler";
import { billingConfig } from "@/server/billing/billing-config";
import { BillingError } from "@/server/billing/errors";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { createCheckoutUrl } from "@/server/billing/payments/stripe-customer";
import { db } from "@/server/db";

function returnUrl(value: string | null, fallback: string, name: string): string {
  if (value === null) return fallback;
  if (!/^https?:\/\//i.test(value)) throw new BillingError("invalid_request", `${name} must be an http(s) URL`);
  return value;
}

// GET /api/billing/v1/customers/:externalId/checkout_url – a Stripe Checkout link where the customer saves a card
// (pass success_url and cancel_url: the app's own pages the customer returns to)
export const GET = billingApi<{ externalId: string }>("customers.checkout_url", async ({ request, service, params }) => {
  const stripe = stripeFromConfig(billingConfig());
  if (!stripe) throw new BillingError("not_configured", "Stripe is not configured (STRIPE_SECRET_KEY)");
  const link = await db.billingAccountLink.findUnique({
    where: { serviceId_externalId: { serviceId: service.id, externalId: params.externalId } },
    select: { customerId: true },
  });
  if (!link) throw new BillingError("not_found", `Customer ${params.externalId} was not found`);
  const url = new URL(request.url);
  const base = (process.env.APP_URL ?? url.origin).replace(/\/+$/, "");
  const checkoutUrl = await createCheckoutUrl(db, stripe, link.customerId, {
    successUrl: returnUrl(url.searchParams.get("success_url"), `${base}/?checkout=complete`, "success_url"),
    cancelUrl: returnUrl(url.searchParams.get("cancel_url"), `${base}/?checkout=cancelled`, "cancel_url"),
  });
  return jsonResponse(200, { customer: { external_customer_id: params.externalId, checkout_url: checkoutUrl } });
});
