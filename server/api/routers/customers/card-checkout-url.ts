import { idSchema } from "@/lib/validators/common";
import { BillingError } from "@/server/billing/errors";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { createCheckoutUrl } from "@/server/billing/payments/stripe-customer";
import { customerBillingProcedure } from "./customer-procedures";
import { appEnv } from "@/server/config-readers";

/** A Stripe Checkout link (setup mode) to send the customer so they can save a card. */
export const cardCheckoutUrl = customerBillingProcedure.input(idSchema).mutation(async ({ ctx, input }) => {
  const stripe = stripeFromConfig(appEnv.billing());
  if (!stripe) throw new BillingError("not_configured", "Stripe is not configured (STRIPE_SECRET_KEY), so cards cannot be added");
  const page = `${appEnv.appUrl()}/customers/${encodeURIComponent(input.id)}`;
  return { url: await createCheckoutUrl(ctx.db, stripe, input.id, { successUrl: `${page}?card=saved`, cancelUrl: `${page}?card=cancelled` }) };
});
