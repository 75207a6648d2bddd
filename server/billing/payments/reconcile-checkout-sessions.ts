/**
 * The sweep behind a lost `checkout.session.completed` webhook: open Checkout
 * sessions older than a grace period are read back from Stripe; a completed
 * one saves its card (as the webhook would have, idempotently), an expired
 * one is closed. Without it, a lost webhook means the card is never saved.
 */
import type Stripe from "stripe";
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { savePaymentMethod } from "./stripe-customer";

/** Give the webhook this long before asking Stripe. */
const GRACE_MS = 10 * 60 * 1000;

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

export async function reconcileCheckoutSessions(db: Db, stripe: Stripe | null, opts: { now?: Date; limit?: number } = {}) {
  const now = opts.now ?? new Date();
  if (!stripe) return { checked: 0, saved: 0, expired: 0 };
  const open = await db.billingCheckoutSession.findMany({
    where: { status: "open", createdAt: { lte: new Date(now.getTime() - GRACE_MS) } },
    orderBy: { createdAt: "asc" },
    take: opts.limit ?? 100,
  });
  let saved = 0;
  let expired = 0;
  for (const row of open) {
    try {
      const session = await stripe.checkout.sessions.retrieve(row.id);
      if (session.status === "complete") {
        const si = await stripe.setupIntents.retrieve(idOf(session.setup_intent) ?? "");
        const customer = idOf(si.customer) ?? idOf(session.customer);
        const pm = idOf(si.payment_method);
        if (customer && pm && (await savePaymentMethod(db, stripe, customer, pm, now))) saved++;
        await db.billingCheckoutSession.update({ where: { id: row.id }, data: { status: "complete", reconciledAt: now } });
      } else if (session.status === "expired" || row.expiresAt.getTime() <= now.getTime()) {
        expired++;
        await db.billingCheckoutSession.update({ where: { id: row.id }, data: { status: "expired", reconciledAt: now } });
      }
    } catch (error) {
      // One bad session must not stop the sweep; it is tried again next run.
      logger.warn("billing.checkout_reconcile_failed", { sessionId: row.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { checked: open.length, saved, expired };
}
