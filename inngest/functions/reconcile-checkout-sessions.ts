import { reconcileCheckoutSessions } from "@/server/billing/payments/reconcile-checkout-sessions";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { inngest } from "../client";

/** Every 15 minutes: open Stripe Checkout sessions are reconciled, so a lost completion webhook still saves the card. */
export const reconcileBillingCheckoutSessions = inngest.createFunction(
  { id: "reconcile-checkout-sessions", concurrency: { limit: 1 }, triggers: [{ cron: "*/15 * * * *" }] },
  async ({ step }) => step.run("reconcile", () => reconcileCheckoutSessions(db, stripeFromConfig(appEnv.billing()))),
);
