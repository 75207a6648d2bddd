/** A lost checkout.session.completed webhook: the sweep reads the session back from (fake) Stripe and saves the card. */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { makeCustomer } from "../testing/billing-fixtures";
import { startFakeStripeForFile } from "../testing/fake-stripe";
import { reconcileCheckoutSessions } from "./reconcile-checkout-sessions";
import { createCheckoutUrl } from "./stripe-customer";

const stripeCtx = startFakeStripeForFile();

describe("reconcileCheckoutSessions", () => {
  it("saves the card of a completed session whose webhook never came, once, after a grace period", async () => {
    const customer = await makeCustomer();
    const url = await createCheckoutUrl(db, stripeCtx.stripe, customer.id, { successUrl: "https://app.test/ok", cancelUrl: "https://app.test/no" });
    const sessionId = url.split("/").pop()!;
    stripeCtx.fake.completeCheckoutSession(sessionId, "pm_card_visa");
    const created = (await db.billingCheckoutSession.findUniqueOrThrow({ where: { id: sessionId } })).createdAt.getTime();

    // Within the grace period the webhook still has its chance.
    expect(await reconcileCheckoutSessions(db, stripeCtx.stripe, { now: new Date(created + 5 * 60_000) })).toMatchObject({ checked: 0, saved: 0 });
    expect(await reconcileCheckoutSessions(db, stripeCtx.stripe, { now: new Date(created + 11 * 60_000) })).toMatchObject({ checked: 1, saved: 1 });
    const after = await db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after.stripePaymentMethodId).toMatch(/^pm_/);
    expect(after.paymentMethodLabel).toMatch(/visa/i);
    expect(await db.billingCheckoutSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ status: "complete" });
    expect(await reconcileCheckoutSessions(db, stripeCtx.stripe, { now: new Date(created + 20 * 60_000) })).toMatchObject({ checked: 0 });
  });

  it("closes a session that expired unused", async () => {
    const customer = await makeCustomer();
    const url = await createCheckoutUrl(db, stripeCtx.stripe, customer.id, { successUrl: "https://app.test/ok", cancelUrl: "https://app.test/no" });
    const sessionId = url.split("/").pop()!;
    const row = await db.billingCheckoutSession.findUniqueOrThrow({ where: { id: sessionId } });
    const result = await reconcileCheckoutSessions(db, stripeCtx.stripe, { now: new Date(row.expiresAt.getTime() + 1000) });
    expect(result).toMatchObject({ expired: 1, saved: 0 });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).stripePaymentMethodId).toBeNull();
  });
});
