/**
 * The Stripe side of a customer: its Stripe customer, a Checkout (setup mode)
 * link to add a card, and saving the card once Stripe says it was set up.
 */
import type Stripe from "stripe";
import type { DbOrTx } from "@/server/db";
import { BillingError, notFound } from "../errors";

/** Returns the customer's Stripe id, creating the Stripe customer once (idempotency key per customer). */
export async function ensureStripeCustomer(db: DbOrTx, stripe: Stripe, customerId: string): Promise<string> {
  const customer = await db.customer.findUnique({ where: { id: customerId } });
  if (!customer) throw notFound("Customer", customerId);
  if (customer.stripeCustomerId) return customer.stripeCustomerId;
  const created = await stripe.customers.create(
    {
      name: customer.name,
      ...(customer.email ? { email: customer.email } : {}),
      ...(customer.phone ? { phone: customer.phone } : {}),
      metadata: { switchboard_customer_id: customer.id },
    },
    { idempotencyKey: `customer_${customer.id}` },
  );
  // Another request may have stored it meanwhile; the idempotency key made it the same Stripe customer.
  await db.customer.updateMany({ where: { id: customer.id, stripeCustomerId: null }, data: { stripeCustomerId: created.id } });
  return created.id;
}

/** A hosted Checkout page (mode=setup) where the customer saves a card for future invoices. */
export async function createCheckoutUrl(
  db: DbOrTx,
  stripe: Stripe,
  customerId: string,
  urls: { successUrl: string; cancelUrl: string },
): Promise<string> {
  const stripeCustomerId = await ensureStripeCustomer(db, stripe, customerId);
  const session = await stripe.checkout.sessions.create({
    mode: "setup",
    customer: stripeCustomerId,
    success_url: urls.successUrl,
    cancel_url: urls.cancelUrl,
    metadata: { switchboard_customer_id: customerId },
  });
  if (!session.url) throw new BillingError("payment_provider_error", "Stripe returned a Checkout session without a URL");
  // Remembered so the sweep can finish the job if the completion webhook never arrives.
  await db.billingCheckoutSession.create({
    data: { id: session.id, customerId, expiresAt: new Date((session.expires_at ?? Math.floor(Date.now() / 1000) + 86_400) * 1000) },
  });
  return session.url;
}

/**
 * Stores a set-up card as the customer's payment method (and Stripe's default
 * for invoices), and brings forward any retry of unpaid invoices so the new
 * card is tried at once. Unknown Stripe customers are ignored.
 */
export async function savePaymentMethod(
  db: DbOrTx,
  stripe: Stripe,
  stripeCustomerId: string,
  paymentMethodId: string,
  now: Date = new Date(),
): Promise<boolean> {
  const customer = await db.customer.findUnique({ where: { stripeCustomerId } });
  if (!customer) return false;
  const pm = await stripe.paymentMethods.retrieve(paymentMethodId);
  const label = pm.card ? `${pm.card.brand} •••• ${pm.card.last4}` : pm.type;
  await stripe.customers.update(stripeCustomerId, { invoice_settings: { default_payment_method: pm.id } });
  await db.customer.update({ where: { id: customer.id }, data: { stripePaymentMethodId: pm.id, paymentMethodLabel: label } });
  await db.billingInvoice.updateMany({
    where: { customerId: customer.id, status: "open", paymentAttempts: { gt: 0 }, nextPaymentAttemptAt: { not: null } },
    data: { nextPaymentAttemptAt: now },
  });
  return true;
}
