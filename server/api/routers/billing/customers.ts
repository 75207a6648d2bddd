import { z } from "zod";
import { customerSchema } from "@/lib/validators/billing";
import { idSchema, pagingSchema } from "@/lib/validators/common";
import { billingConfig } from "@/server/billing/billing-config";
import { createCustomer, getCustomerOrThrow, listCustomers, updateCustomer } from "@/server/billing/customers/customers";
import { BillingError } from "@/server/billing/errors";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { createCheckoutUrl } from "@/server/billing/payments/stripe-customer";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure, toWire } from "./billing-procedure";
import { appUrl } from "@/server/app-url";

/** Customers as billing sees them (the record is shared with the CRM). */
export const billingCustomersRouter = createTRPCRouter({
  list: billingProcedure
    .input(pagingSchema.extend({ search: z.string().max(200).optional() }))
    .query(async ({ ctx, input }) => toWire(await listCustomers(ctx.db, input))),
  get: billingProcedure.input(idSchema).query(async ({ ctx, input }) => toWire(await getCustomerOrThrow(ctx.db, input.id))),
  create: billingProcedure.input(customerSchema).mutation(async ({ ctx, input }) => toWire(await createCustomer(ctx.db, input))),
  update: billingProcedure
    .input(z.object({ id: z.string().min(1), data: customerSchema }))
    .mutation(async ({ ctx, input }) => toWire(await updateCustomer(ctx.db, input.id, input.data))),
  /** A Stripe Checkout link (setup mode) to send the customer so they can save a card. */
  checkoutUrl: billingProcedure.input(idSchema).mutation(async ({ ctx, input }) => {
    const stripe = stripeFromConfig(billingConfig());
    if (!stripe) throw new BillingError("not_configured", "Stripe is not configured (STRIPE_SECRET_KEY), so cards cannot be added");
    const base = appUrl();
    const url = await createCheckoutUrl(ctx.db, stripe, input.id, {
      successUrl: `${base}/billing/customers/${input.id}?card=saved`,
      cancelUrl: `${base}/billing/customers/${input.id}?card=cancelled`,
    });
    return { url };
  }),
});
