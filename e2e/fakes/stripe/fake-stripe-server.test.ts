import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "./fake-stripe-server";

let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = new Stripe(fake.secretKey, { ...fake.stripeConfig, maxNetworkRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.state.reset());

async function customerWithCard(token = "pm_card_visa") {
  const customer = await stripe.customers.create({ email: "ops@acme.test", name: "Acme", metadata: { switchboard_id: "c1" } });
  const pm = await stripe.paymentMethods.attach(token, { customer: customer.id });
  return { customer, pm };
}

describe("fake Stripe driven by the real SDK", () => {
  it("refuses requests without a test key", async () => {
    const live = new Stripe("sk_live_nope_nope_nope", { ...fake.stripeConfig, maxNetworkRetries: 0 });
    await expect(live.customers.list()).rejects.toMatchObject({ type: "StripeAuthenticationError", statusCode: 401 });
    const raw = await fetch(`${fake.url}/v1/customers`);
    expect(raw.status).toBe(401);
    expect(((await raw.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });

  it("creates, retrieves, updates and lists customers", async () => {
    const created = await stripe.customers.create({ email: "ops@acme.test", name: "Acme", metadata: { switchboard_id: "c1" } });
    expect(created.id).toMatch(/^cus_/);
    expect(created.object).toBe("customer");
    expect(created.metadata).toEqual({ switchboard_id: "c1" });
    const updated = await stripe.customers.update(created.id, { name: "Acme Inc", metadata: { plan: "pro", switchboard_id: "" } });
    expect(updated.name).toBe("Acme Inc");
    expect(updated.metadata).toEqual({ plan: "pro" });
    expect((await stripe.customers.retrieve(created.id)).id).toBe(created.id);
    await stripe.customers.create({ email: "other@beta.test" });
    const byEmail = await stripe.customers.list({ email: "ops@acme.test" });
    expect(byEmail.data.map((c) => c.id)).toEqual([created.id]);
    expect((await stripe.customers.list({ limit: 1 })).has_more).toBe(true);
    await expect(stripe.customers.retrieve("cus_missing")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
      code: "resource_missing",
    });
  });

  it("rejects parameters the endpoint does not know", async () => {
    await expect(
      stripe.customers.create({ emali: "typo@acme.test" } as unknown as Stripe.CustomerCreateParams),
    ).rejects.toMatchObject({ statusCode: 400, message: "Received unknown parameter: emali" });
  });

  it("offers a SetupIntent and a Checkout session in setup mode that saves a card", async () => {
    const customer = await stripe.customers.create({ email: "ops@acme.test" });
    const si = await stripe.setupIntents.create({ customer: customer.id, usage: "off_session" });
    expect(si.id).toMatch(/^seti_/);
    expect(si.client_secret).toMatch(/^seti_.+_secret_/);
    const session = await stripe.checkout.sessions.create({
      mode: "setup",
      customer: customer.id,
      currency: "cad",
      success_url: "http://127.0.0.1:3000/billing/done?session={CHECKOUT_SESSION_ID}",
      cancel_url: "http://127.0.0.1:3000/billing",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${fake.url}/checkout/${session.id}`);
    const page = await fetch(session.url ?? "");
    expect(await page.text()).toContain("pm_card_visa");
    const submit = await fetch(`${fake.url}/checkout/${session.id}/complete`, {
      method: "POST",
      body: new URLSearchParams({ card: "pm_card_visa" }),
      redirect: "manual",
    });
    expect(submit.status).toBe(303);
    expect(submit.headers.get("location")).toBe(`http://127.0.0.1:3000/billing/done?session=${session.id}`);
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] });
    expect(done.status).toBe("complete");
    const setup = done.setup_intent as Stripe.SetupIntent;
    expect(setup.status).toBe("succeeded");
    const methods = await stripe.paymentMethods.list({ customer: customer.id, type: "card" });
    expect(methods.data.map((m) => m.id)).toEqual([setup.payment_method]);
    expect(fake.state.eventsOfType("checkout.session.completed")).toHaveLength(1);
  });

  it("attaches good cards and declines bad ones with a 402 card_error", async () => {
    const { customer, pm } = await customerWithCard();
    expect(pm.id).toMatch(/^pm_/);
    expect(pm.customer).toBe(customer.id);
    expect(pm.card?.last4).toBe("4242");
    for (const [token, declineCode] of [
      ["pm_card_chargeDeclined", "generic_decline"],
      ["pm_card_insufficientFunds", "insufficient_funds"],
    ] as const) {
      const error = await stripe.paymentMethods.attach(token, { customer: customer.id }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({ statusCode: 402, type: "StripeCardError", code: "card_declined", decline_code: declineCode });
    }
    const listed = await stripe.customers.listPaymentMethods(customer.id);
    expect(listed.data).toHaveLength(1);
  });

  it("charges a saved card off-session", async () => {
    const { customer, pm } = await customerWithCard();
    const pi = await stripe.paymentIntents.create(
      {
        amount: 11300,
        currency: "cad",
        customer: customer.id,
        payment_method: pm.id,
        confirm: true,
        off_session: true,
        metadata: { invoice_id: "inv_1" },
      },
      { idempotencyKey: "invoice-inv_1-attempt-1" },
    );
    expect(pi.id).toMatch(/^pi_/);
    expect(pi.status).toBe("succeeded");
    expect(pi.amount_received).toBe(11300);
    const fetched = await stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] });
    const charge = fetched.latest_charge as Stripe.Charge;
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.paid).toBe(true);
    expect(fake.state.eventsOfType("payment_intent.succeeded")).toHaveLength(1);
  });

  it("declines a charge with card_declined and leaves the PaymentIntent requiring a payment method", async () => {
    const { customer, pm } = await customerWithCard("pm_card_chargeCustomerFail");
    const error = await stripe.paymentIntents
      .create({ amount: 5000, currency: "cad", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    const cardError = error as Stripe.errors.StripeCardError;
    expect(cardError.code).toBe("card_declined");
    expect(cardError.decline_code).toBe("generic_decline");
    const piId = cardError.payment_intent?.id ?? "";
    expect(piId).toMatch(/^pi_/);
    const pi = await stripe.paymentIntents.retrieve(piId);
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.last_payment_error).toMatchObject({ type: "card_error", code: "card_declined", decline_code: "generic_decline" });
    expect(fake.state.eventsOfType("payment_intent.payment_failed")).toHaveLength(1);

    // the customer fixes the card: confirming again with a good one succeeds
    const good = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    const retried = await stripe.paymentIntents.confirm(piId, { payment_method: good.id, off_session: true });
    expect(retried.status).toBe("succeeded");
  });

  it("declines insufficient funds passed straight as a test token", async () => {
    const customer = await stripe.customers.create({ email: "x@acme.test" });
    await expect(
      stripe.paymentIntents.create({
        amount: 5000,
        currency: "cad",
        customer: customer.id,
        payment_method: "pm_card_insufficientFunds",
        confirm: true,
        off_session: true,
      }),
    ).rejects.toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "insufficient_funds" });
  });

  it("lets a test flip a saved card to declining (dunning)", async () => {
    const { customer, pm } = await customerWithCard();
    fake.state.setCardBehaviour(pm.id, "decline_on_charge");
    await expect(
      stripe.paymentIntents.create({ amount: 5000, currency: "cad", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }),
    ).rejects.toMatchObject({ code: "card_declined" });
  });

  it("replays the same response for the same idempotency key, and refuses the key with other parameters", async () => {
    const { customer, pm } = await customerWithCard();
    const params = { amount: 2500, currency: "cad", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: "inv_7" });
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: "inv_7" });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(fake.state.paymentIntents.size).toBe(1);
    expect(fake.state.charges.size).toBe(1);
    const clash = await stripe.paymentIntents.create({ ...params, amount: 2600 }, { idempotencyKey: "inv_7" }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(clash).toMatchObject({ statusCode: 400, type: "StripeIdempotencyError" });

    // a declined attempt is replayed as the same decline, not charged again
    fake.state.setCardBehaviour(pm.id, "decline_on_charge");
    const d1 = await stripe.paymentIntents.create(params, { idempotencyKey: "inv_8" }).catch((e: Stripe.errors.StripeError) => e);
    fake.state.setCardBehaviour(pm.id, "succeed");
    const d2 = await stripe.paymentIntents.create(params, { idempotencyKey: "inv_8" }).catch((e: Stripe.errors.StripeError) => e);
    expect(d1).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((d1 as Stripe.errors.StripeCardError).payment_intent?.id).toMatch(/^pi_/);
    expect(d2).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((d2 as Stripe.errors.StripeCardError).payment_intent?.id).toBe((d1 as Stripe.errors.StripeCardError).payment_intent?.id);
  });

  it("refunds partially, then the rest, then refuses more", async () => {
    const { customer, pm } = await customerWithCard();
    const pi = await stripe.paymentIntents.create({
      amount: 10000,
      currency: "cad",
      customer: customer.id,
      payment_method: pm.id,
      confirm: true,
      off_session: true,
    });
    const partial = await stripe.refunds.create({ payment_intent: pi.id, amount: 2500, reason: "requested_by_customer" });
    expect(partial.id).toMatch(/^re_/);
    expect(partial).toMatchObject({ amount: 2500, status: "succeeded", payment_intent: pi.id });
    await expect(stripe.refunds.create({ payment_intent: pi.id, amount: 8000 })).rejects.toMatchObject({
      statusCode: 400,
      code: "amount_too_large",
    });
    const rest = await stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(7500);
    const charge = await stripe.charges.retrieve(String(pi.latest_charge));
    expect([charge.amount_refunded, charge.refunded]).toEqual([10000, true]);
    await expect(stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({ code: "charge_already_refunded" });
    expect(fake.state.eventsOfType("charge.refunded")).toHaveLength(2);
  });

  it("takes three-decimal currencies only in steps of 10, for payments and refunds, as Stripe documents", async () => {
    const { customer, pm } = await customerWithCard();
    const refused = stripe.paymentIntents.create({ amount: 12345, currency: "kwd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
    await expect(refused).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(refused).rejects.toMatchObject({ statusCode: 400, code: "invalid_charge_amount", param: "amount" });
    expect(fake.state.paymentIntents.size).toBe(0);
    const pi = await stripe.paymentIntents.create({ amount: 12340, currency: "kwd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
    expect([pi.status, pi.amount]).toEqual(["succeeded", 12340]);
    await expect(stripe.refunds.create({ payment_intent: pi.id, amount: 1235 })).rejects.toMatchObject({ code: "invalid_charge_amount", param: "amount" });
    expect((await stripe.refunds.create({ payment_intent: pi.id, amount: 1230 })).amount).toBe(1230);
    // Two-decimal currencies keep every cent.
    expect((await stripe.paymentIntents.create({ amount: 12345, currency: "cad" })).amount).toBe(12345);
  });

  it("refuses amounts below Stripe's minimum", async () => {
    await expect(stripe.paymentIntents.create({ amount: 20, currency: "cad" })).rejects.toMatchObject({
      statusCode: 400,
      code: "amount_too_small",
    });
  });
});

describe("webhooks from the fake", () => {
  const WEBHOOK_SECRET = "whsec_switchboard_fake_test";
  let receiver: http.Server;
  let receiverUrl = "";
  const received: Array<{ type: string; verified: boolean; error?: string }> = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        try {
          const event = stripe.webhooks.constructEvent(raw, String(req.headers["stripe-signature"]), WEBHOOK_SECRET);
          received.push({ type: event.type, verified: true });
          res.writeHead(200).end("{}");
        } catch (error) {
          received.push({ type: "?", verified: false, error: (error as Error).message });
          res.writeHead(400).end("bad signature");
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/stripe`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
  });

  it("signs with the SDK helper so stripe.webhooks.constructEvent verifies it", async () => {
    const { customer, pm } = await customerWithCard();
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "cad", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
    const event = fake.state.eventsOfType("payment_intent.succeeded")[0];
    expect(event).toBeDefined();
    const result = await fake.sendWebhook(receiverUrl, event!, WEBHOOK_SECRET);
    expect(result.status).toBe(200);
    expect(result.signatureHeader).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const parsed = stripe.webhooks.constructEvent(result.payload, result.signatureHeader, WEBHOOK_SECRET);
    expect((parsed.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
    expect(received).toEqual([{ type: "payment_intent.succeeded", verified: true }]);
  });

  it("is refused by a receiver with another secret", async () => {
    const result = await fake.sendWebhook(
      receiverUrl,
      { type: "payment_intent.payment_failed", data: { object: { id: "pi_123", object: "payment_intent" } } },
      "whsec_wrong",
    );
    expect(result.status).toBe(400);
    expect(received[0]?.verified).toBe(false);
  });

  it("forwards every event to a configured endpoint", async () => {
    fake.setWebhookEndpoint({ url: receiverUrl, secret: WEBHOOK_SECRET });
    try {
      const { customer, pm } = await customerWithCard("pm_card_chargeCustomerFail");
      await stripe.paymentIntents
        .create({ amount: 5000, currency: "cad", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true })
        .catch(() => undefined);
      await fake.flushWebhooks();
    } finally {
      fake.setWebhookEndpoint(null);
    }
    expect(received.every((r) => r.verified)).toBe(true);
    expect(received.map((r) => r.type)).toContain("payment_intent.payment_failed");
    expect(fake.deliveries.every((d) => d.status === 200)).toBe(true);
  });
});
