import { idSchema } from "@/lib/validators/common";
import { appUrl } from "@/server/app-url";
import { billingConfig } from "@/server/billing/billing-config";
import { BillingError } from "@/server/billing/errors";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { createCheckoutUrl } from "@/server/billing/payments/stripe-customer";
import { customerBillingProcedure } from "./customer-procedures";

/** A Stripe Checkout link (setup mode) to send the customer so they can save a card. */
export const cardCheckoutUrl = customerBillingProcedure.input(idSchema).mutation(async ({ ctx, input }) => {
  const stripe = stripeFromConfig(billingConfig());
  if (!stripe) throw new BillingError("not_configured", "Stripe is not configured (STRIPE_SECRET_KEY), so cards cannot be added");
  const page = `${appUrl()}/customers/${encodeURIComponent(input.id)}`;
  return { url: await createCheckoutUrl(ctx.db, stripe, input.id, { successUrl: `${page}?card=saved`, cancelUrl: `${page}?card=cancelled` }) };
});
