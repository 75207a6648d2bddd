/** Contract: the official SDK retrieves the fake's invoices, and its missing-invoice error, as on Stripe. */
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "./fake-stripe-server";
import { seedInvoice } from "./invoices";

let fake: FakeStripe;
let stripe: Stripe;
beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = new Stripe(fake.secretKey, { ...fake.stripeConfig, maxNetworkRetries: 0 });
});
afterAll(() => fake.close());

describe("fake Stripe invoices", () => {
  it("retrieves a seeded invoice in Stripe's Invoice shape", async () => {
    seedInvoice(fake.state, { id: "in_contract1", total: 11300, tax: 1300, status: "paid", created: 1788220800, paidAt: 1788307200 });
    const invoice: Stripe.Invoice = await stripe.invoices.retrieve("in_contract1");
    expect(invoice).toMatchObject({
      id: "in_contract1", object: "invoice", status: "paid", created: 1788220800, currency: "cad",
      amount_paid: 11300, amount_remaining: 0, total: 11300, subtotal: 10000,
      status_transitions: { paid_at: 1788307200, voided_at: null, finalized_at: 1788220800 },
    });
  });

  it("answers an unknown invoice with resource_missing, which the SDK raises as StripeInvalidRequestError", async () => {
    const error = await stripe.invoices.retrieve("in_unknown").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});
