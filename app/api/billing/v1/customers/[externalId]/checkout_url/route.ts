import { billingApi, jsonResponse, type ApiContext } from "@/server/billing/api/api-handler";
import { BillingError } from "@/server/billing/errors";
import { getServiceCustomerOrThrow } from "@/server/billing/lago/service-customer";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { createCheckoutUrl } from "@/server/billing/payments/stripe-customer";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";

type Params = { externalId: string };

function returnUrl(value: string | null, fallback: string, name: string): string {
  if (value === null) return fallback;
  if (!/^https?:\/\//i.test(value)) throw new BillingError("invalid_request", `${name} must be an http(s) URL`);
  return value;
}

// A Stripe Checkout link where the customer saves a card (optional ?success_url= and ?cancel_url=: the app's own pages)
async function checkoutUrl({ request, service, params }: ApiContext<Params>) {
  const stripe = stripeFromConfig(appEnv.billing());
  if (!stripe) throw new BillingError("not_configured", "Stripe is not configured (STRIPE_SECRET_KEY)");
  const link = await getServiceCustomerOrThrow(db, service.id, params.externalId);
  const url = new URL(request.url);
  const base = appEnv.billing().appUrl.replace(/\/+$/, "");
  const checkout = await createCheckoutUrl(db, stripe, link.customerId, {
    successUrl: returnUrl(url.searchParams.get("success_url"), `${base}/?checkout=complete`, "success_url"),
    cancelUrl: returnUrl(url.searchParams.get("cancel_url"), `${base}/?checkout=cancelled`, "cancel_url"),
  });
  return jsonResponse(200, {
    customer: {
      lago_customer_id: link.customerId,
      external_customer_id: params.externalId,
      payment_provider: "stripe",
      checkout_url: checkout,
    },
  });
}

// POST /api/billing/v1/customers/:externalId/checkout_url – Lago's call
export const POST = billingApi<Params>("customers.checkout_url", checkoutUrl);
// GET – the same, for apps written against our earlier GET
export const GET = billingApi<Params>("customers.checkout_url", checkoutUrl);
