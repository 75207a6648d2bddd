/**
 * Charging issued invoices through Stripe. One PaymentIntent per invoice,
 * created with the idempotency key `invoice_<id>` and confirmed off-session
 * with the customer's saved card; each dunning retry confirms it again with
 * the key `invoice_<id>_attempt_<n>`. The attempt row is written before
 * Stripe is called and an interrupted attempt is resumed with the same key,
 * so a crash or a retry never charges twice.
 */
import Stripe from "stripe";
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { BillingError, invalidState, notFound } from "../errors";
import { amountDue } from "../invoices/invoice-json";
import { dec } from "../wire";
import { carryBalanceForward } from "./carry-balance";
import { belowMinimumReason } from "./minimum-charge";
import { chargeableAmount } from "./stripe-amount";
import { lockInvoice, recordPaymentFailed, recordPaymentSucceeded } from "./payment-outcome";

export interface ChargeOptions {
  now?: Date;
  dunningScheduleMs: readonly number[];
}

export type ChargeOutcome =
  | { status: "succeeded" | "failed" | "processing"; attempt: number; eventIds: string[] }
  | { status: "skipped"; reason: string; eventIds: string[] };

// An attempt left "processing" this long was interrupted (crash, timeout) and is resumed.
const STALE_ATTEMPT_MS = 10 * 60_000;

interface Claim {
  attempt: number;
  amountMinor: number;
  /** What Stripe's amount step leaves uncharged (KWD 12.345 → 0.005), "0" when nothing. */
  remainder: string;
  currency: string;
  invoiceNumber: string | null;
  paymentIntentId: string | null;
  stripeCustomerId: string | null;
  paymentMethodId: string | null;
}

/** Reserves the next attempt (or the interrupted one) inside a transaction holding the invoice lock. */
async function claimAttempt(db: Db, invoiceId: string, now: Date, force: boolean): Promise<Claim | { skipped: string }> {
  return db.$transaction(async (tx) => {
    await lockInvoice(tx, invoiceId);
    const invoice = await tx.billingInvoice.findUnique({ where: { id: invoiceId }, include: { customer: true } });
    if (!invoice) throw notFound("Invoice", invoiceId);
    if (invoice.status !== "open") return { skipped: `invoice is ${invoice.status}` };
    const due = amountDue(invoice);
    if (dec(due).lessThanOrEqualTo(0)) return { skipped: "nothing is due" };
    const tooSmall = belowMinimumReason(due, invoice.currency);
    if (tooSmall && invoice.subscriptionId) {
      // Stripe would refuse it (amount_too_small): the subscription's next invoice bills it instead.
      await carryBalanceForward(tx, { ...invoice, subscriptionId: invoice.subscriptionId }, due, now);
      return { skipped: `${tooSmall}; carried to the next invoice` };
    }
    if (tooSmall) {
      // Stripe would refuse it (amount_too_small): no attempt, no dunning.
      await tx.billingInvoice.update({ where: { id: invoiceId }, data: { nextPaymentAttemptAt: null, lastPaymentError: `below_minimum: ${tooSmall}` } });
      return { skipped: tooSmall };
    }
    if (!force && (invoice.nextPaymentAttemptAt === null || invoice.nextPaymentAttemptAt.getTime() > now.getTime())) {
      return { skipped: "no payment attempt is due" };
    }
    const inFlight = await tx.billingPayment.findFirst({ where: { invoiceId, status: "processing" }, orderBy: { attempt: "desc" } });
    if (inFlight && now.getTime() - inFlight.updatedAt.getTime() < STALE_ATTEMPT_MS) return { skipped: "an attempt is in progress" };
    let attempt: number;
    if (inFlight) {
      attempt = inFlight.attempt;
      await tx.billingPayment.update({ where: { id: inFlight.id }, data: { updatedAt: now } });
    } else {
      attempt = invoice.paymentAttempts + 1;
      await tx.billingPayment.create({
        data: { invoiceId, attempt, amount: due, currency: invoice.currency, status: "processing", stripePaymentIntentId: invoice.stripePaymentIntentId },
      });
    }
    // Until the outcome is recorded, a safety retry is scheduled in case this process dies mid-call.
    await tx.billingInvoice.update({
      where: { id: invoiceId },
      data: { paymentAttempts: Math.max(attempt, invoice.paymentAttempts), nextPaymentAttemptAt: new Date(now.getTime() + STALE_ATTEMPT_MS) },
    });
    const chargeable = chargeableAmount(due, invoice.currency);
    return {
      attempt,
      amountMinor: chargeable.minor,
      remainder: chargeable.remainder.toFixed(),
      currency: invoice.currency.toLowerCase(),
      invoiceNumber: invoice.number,
      paymentIntentId: invoice.stripePaymentIntentId,
      stripeCustomerId: invoice.customer.stripeCustomerId,
      paymentMethodId: invoice.customer.stripePaymentMethodId,
    };
  });
}

type StripeResult =
  | { kind: "succeeded" | "processing"; pi: Stripe.PaymentIntent }
  | { kind: "failed"; code: string; message: string; paymentIntentId: string | null; chargeId: string | null };

function chargeIdOf(pi: Stripe.PaymentIntent): string | null {
  const latest = pi.latest_charge;
  return typeof latest === "string" ? latest : (latest?.id ?? null);
}

async function callStripe(stripe: Stripe, invoiceId: string, claim: Claim): Promise<StripeResult> {
  if (!claim.stripeCustomerId || !claim.paymentMethodId) {
    return { kind: "failed", code: "no_payment_method", message: "The customer has no saved card", paymentIntentId: claim.paymentIntentId, chargeId: null };
  }
  const params: Stripe.PaymentIntentCreateParams = {
    amount: claim.amountMinor,
    currency: claim.currency,
    customer: claim.stripeCustomerId,
    payment_method: claim.paymentMethodId,
    confirm: true,
    off_session: true,
    description: `Invoice ${claim.invoiceNumber ?? invoiceId}${claim.remainder === "0" ? "" : ` (${claim.currency.toUpperCase()} ${claim.remainder} below Stripe's amount step is not charged here: carried to the next invoice)`}`,
    metadata: { switchboard_invoice_id: invoiceId, invoice_number: claim.invoiceNumber ?? "", ...(claim.remainder === "0" ? {} : { uncharged_remainder: claim.remainder }) },
  };
  const attemptKey = `invoice_${invoiceId}_attempt_${claim.attempt}`;
  try {
    if (claim.paymentIntentId) {
      const existing = await stripe.paymentIntents.retrieve(claim.paymentIntentId);
      if (existing.status === "succeeded" || existing.status === "processing") {
        return { kind: existing.status === "succeeded" ? "succeeded" : "processing", pi: existing };
      }
      if (existing.amount === claim.amountMinor && existing.status !== "canceled") {
        const pi = await stripe.paymentIntents.confirm(
          existing.id,
          { payment_method: claim.paymentMethodId, off_session: true },
          { idempotencyKey: attemptKey },
        );
        return { kind: pi.status === "succeeded" ? "succeeded" : "processing", pi };
      }
      // The amount due changed (a credit note) or the intent was cancelled: a new intent for this attempt.
      const pi = await stripe.paymentIntents.create(params, { idempotencyKey: attemptKey });
      return { kind: pi.status === "succeeded" ? "succeeded" : "processing", pi };
    }
    let pi: Stripe.PaymentIntent;
    try {
      pi = await stripe.paymentIntents.create(params, { idempotencyKey: `invoice_${invoiceId}` });
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeIdempotencyError)) throw error;
      pi = await stripe.paymentIntents.create(params, { idempotencyKey: attemptKey });
    }
    return { kind: pi.status === "succeeded" ? "succeeded" : "processing", pi };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      const raw = error.raw as { payment_intent?: { id?: string }; charge?: string };
      return {
        kind: "failed",
        code: error.decline_code ?? error.code ?? "card_declined",
        message: error.message,
        paymentIntentId: raw.payment_intent?.id ?? error.payment_intent?.id ?? claim.paymentIntentId,
        chargeId: raw.charge ?? null,
      };
    }
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      return { kind: "failed", code: error.code ?? "invalid_request", message: error.message, paymentIntentId: claim.paymentIntentId, chargeId: null };
    }
    // Network or Stripe outage: the outcome is unknown. Leave the attempt in flight; it is
    // resumed (same idempotency key) by the safety retry, and a webhook may settle it first.
    logger.warn("billing.charge_unknown_outcome", { invoiceId, attempt: claim.attempt, error: error instanceof Error ? error.message : String(error) });
    throw new BillingError("payment_provider_error", "Stripe could not be reached; the payment will be retried", { invoiceId });
  }
}

/**
 * Makes one payment attempt on an issued invoice when one is due (or at once
 * with `force`). Returns the outcome and the outbound events to dispatch.
 */
export async function chargeInvoice(
  db: Db,
  stripe: Stripe | null,
  invoiceId: string,
  options: ChargeOptions & { force?: boolean },
): Promise<ChargeOutcome> {
  const now = options.now ?? new Date();
  if (!stripe) return { status: "skipped", reason: "Stripe is not configured (STRIPE_SECRET_KEY)", eventIds: [] };
  const claim = await claimAttempt(db, invoiceId, now, options.force ?? false);
  if ("skipped" in claim) return { status: "skipped", reason: claim.skipped, eventIds: [] };

  const result = await callStripe(stripe, invoiceId, claim);
  if (result.kind === "failed") {
    const eventIds = await db.$transaction((tx) =>
      recordPaymentFailed(tx, {
        invoiceId,
        paymentIntentId: result.paymentIntentId,
        chargeId: result.chargeId,
        amountMinor: claim.amountMinor,
        currency: claim.currency,
        failureCode: result.code,
        failureMessage: result.message,
        dunningScheduleMs: options.dunningScheduleMs,
        now,
      }),
    );
    return { status: "failed", attempt: claim.attempt, eventIds };
  }
  const pi = result.pi;
  if (result.kind === "processing") {
    await db.billingPayment.updateMany({
      where: { invoiceId, attempt: claim.attempt },
      data: { stripePaymentIntentId: pi.id },
    });
    await db.billingInvoice.updateMany({ where: { id: invoiceId, stripePaymentIntentId: null }, data: { stripePaymentIntentId: pi.id } });
    return { status: "processing", attempt: claim.attempt, eventIds: [] };
  }
  const eventIds = await db.$transaction((tx) =>
    recordPaymentSucceeded(tx, {
      invoiceId,
      paymentIntentId: pi.id,
      chargeId: chargeIdOf(pi),
      amountMinor: pi.amount_received || pi.amount,
      currency: pi.currency,
      now,
    }),
  );
  return { status: "succeeded", attempt: claim.attempt, eventIds };
}

/** The dunning run: charges every open invoice whose next attempt is due. */
export async function collectDuePayments(db: Db, stripe: Stripe | null, options: ChargeOptions & { limit?: number }) {
  const now = options.now ?? new Date();
  if (!stripe) return { attempted: 0, outcomes: [] as ChargeOutcome[], eventIds: [] as string[] };
  const due = await db.billingInvoice.findMany({
    where: { status: "open", nextPaymentAttemptAt: { lte: now } },
    orderBy: { nextPaymentAttemptAt: "asc" },
    take: options.limit ?? 100,
    select: { id: true },
  });
  const outcomes: ChargeOutcome[] = [];
  for (const { id } of due) {
    try {
      outcomes.push(await chargeInvoice(db, stripe, id, { ...options, now }));
    } catch (error) {
      logger.error("billing.charge_failed", { invoiceId: id, error });
    }
  }
  return { attempted: outcomes.filter((o) => o.status !== "skipped").length, outcomes, eventIds: outcomes.flatMap((o) => o.eventIds) };
}

/**
 * "Retry payment" (console and API): an open or uncollectible invoice is
 * charged again at once. An uncollectible one is reopened first.
 */
export async function retryInvoicePayment(db: Db, stripe: Stripe | null, invoiceId: string, options: ChargeOptions): Promise<ChargeOutcome> {
  const now = options.now ?? new Date();
  if (!stripe) throw new BillingError("not_configured", "Stripe is not configured (STRIPE_SECRET_KEY), so invoices cannot be charged");
  const invoice = await db.billingInvoice.findUnique({ where: { id: invoiceId }, select: { status: true } });
  if (!invoice) throw notFound("Invoice", invoiceId);
  if (invoice.status !== "open" && invoice.status !== "uncollectible") {
    throw invalidState(`A ${invoice.status} invoice cannot be charged`);
  }
  await db.billingInvoice.update({
    where: { id: invoiceId },
    data: { status: "open", uncollectibleAt: null, nextPaymentAttemptAt: now },
  });
  return chargeInvoice(db, stripe, invoiceId, { ...options, now, force: true });
}
