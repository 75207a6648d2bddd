/**
 * A test file's fake Stripe (e2e/fakes/stripe) and the app's own Stripe
 * client pointed at it, started before the file's tests and closed after.
 * Never imported by product code.
 */
import type Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { startFakeStripe, type FakeStripe } from "@/e2e/fakes/stripe";
import { createStripeClient } from "../payments/stripe-client";

/** Fields are set once the file's beforeAll ran: read them inside tests. */
export function startFakeStripeForFile(): { fake: FakeStripe; stripe: Stripe } {
  const ctx = {} as { fake: FakeStripe; stripe: Stripe };
  beforeAll(async () => {
    ctx.fake = await startFakeStripe();
    ctx.stripe = createStripeClient({ secretKey: ctx.fake.secretKey, apiBase: ctx.fake.url, maxNetworkRetries: 0 });
  });
  afterAll(() => ctx.fake.close());
  return ctx;
}
