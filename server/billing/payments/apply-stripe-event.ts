/**
 * What each Stripe event we listen to does. Every handler is idempotent: a
 * redelivered or out-of-order event changes nothing that is already true.
 */
import type Stripe from "stripe";
import type { Db } from "@/server/db";
import { fromMinorUnits } from "../money/currency";
import { recordPaymentFailed, recordPaymentSucceeded } from "./payment-outcome";
import { savePaymentMethod } from "./stripe-customer";

export interface ApplyContext {
  db: Db;
  /** Needed for events whose handling calls Stripe (saving a card); null when not configured. */
  stripe: Stripe | null;
  dunningScheduleMs: readonly number[];
  now?: Date;
}

export interface ApplyResult {
  handled: boolean;
  /** Outbound billing events to dispatch after commit. */
  eventIds: string[];
  note?: string;
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : value.id;

/** Our invoice for a PaymentIntent: from its metadata, else from the intent id we stored. */
async function invoiceIdFor(db: Db, pi: Stripe.PaymentIntent): Promise<string | null> {
  if (typeof pi?.id !== "string" || !pi.id) return null;
  const fromMetadata = pi.metadata?.switchboard_invoice_id;
  if (fromMetadata) {
    const exists = await db.billingInvoice.findUnique({ where: { id: fromMetadata }, select: { id: true } });
    if (exists) return exists.id;
  }
  const byIntent = await db.billingInvoice.findUnique({ where: { stripePaymentIntentId: pi.id }, select: { id: true } });
  return byIntent?.id ?? null;
}

export async function applyStripeEvent(ctx: ApplyContext, event: Stripe.Event): Promise<ApplyResult> {
  const now = ctx.now ?? new Date();
  switch (event.type) {
    case "payment_intent.succeeded": {
      const pi = event.data.object;
      const invoiceId = await invoiceIdFor(ctx.db, pi);
      if (!invoiceId) return { handled: false, eventIds: [], note: `no invoice for ${pi.id}` };
      const eventIds = await ctx.db.$transaction((tx) =>
        recordPaymentSucceeded(tx, {
          invoiceId,
          paymentIntentId: pi.id,
          chargeId: idOf(pi.latest_charge),
          amountMinor: pi.amount_received || pi.amount,
          currency: pi.currency,
          now,
        }),
      );
      return { handled: true, eventIds };
    }
    case "payment_intent.payment_failed": {
      const pi = event.data.object;
      const invoiceId = await invoiceIdFor(ctx.db, pi);
      if (!invoiceId) return { handled: false, eventIds: [], note: `no invoice for ${pi.id}` };
      const error = pi.last_payment_error;
      const eventIds = await ctx.db.$transaction((tx) =>
        recordPaymentFailed(tx, {
          invoiceId,
          paymentIntentId: pi.id,
          chargeId: idOf(error?.charge ?? null) ?? idOf(pi.latest_charge),
          amountMinor: pi.amount,
          currency: pi.currency,
          failureCode: error?.decline_code ?? error?.code ?? "payment_failed",
          failureMessage: error?.message ?? "The payment failed",
          dunningScheduleMs: ctx.dunningScheduleMs,
          now,
        }),
      );
      return { handled: true, eventIds };
    }
    case "charge.refunded": {
      const charge = event.data.object;
      // An event without a charge id must not turn into an unfiltered update.
      if (typeof charge.id !== "string" || !charge.id || !Number.isInteger(charge.amount_refunded)) {
        return { handled: false, eventIds: [], note: "charge.refunded without a charge id or amount" };
      }
      const refunded = charge.amount_refunded;
      // Absolute amounts from Stripe: applying the event twice gives the same result.
      const { count } = await ctx.db.billingPayment.updateMany({
        where: { stripeChargeId: charge.id },
        data: {
          amountRefunded: fromMinorUnits(refunded, charge.currency).toFixed(),
          status: refunded >= charge.amount ? "refunded" : "partially_refunded",
        },
      });
      return { handled: count > 0, eventIds: [] };
    }
    case "setup_intent.succeeded": {
      const si = event.data.object;
      const customer = idOf(si.customer);
      const pm = idOf(si.payment_method);
      if (!ctx.stripe || !customer || !pm) return { handled: false, eventIds: [], note: "no customer, card or Stripe client" };
      return { handled: await savePaymentMethod(ctx.db, ctx.stripe, customer, pm, now), eventIds: [] };
    }
    case "checkout.session.completed": {
      const session = event.data.object;
      if (session.mode !== "setup" || !ctx.stripe) return { handled: false, eventIds: [] };
      const siId = idOf(session.setup_intent);
      if (!siId) return { handled: false, eventIds: [] };
      const si = await ctx.stripe.setupIntents.retrieve(siId);
      const customer = idOf(si.customer) ?? idOf(session.customer);
      const pm = idOf(si.payment_method);
      if (!customer || !pm) return { handled: false, eventIds: [] };
      return { handled: await savePaymentMethod(ctx.db, ctx.stripe, customer, pm, now), eventIds: [] };
    }
    default:
      return { handled: false, eventIds: [], note: `ignored ${event.type}` };
  }
}
