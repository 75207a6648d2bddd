/**
 * Verifies `in_…` invoices through the official Stripe SDK (the configured
 * client: STRIPE_SECRET_KEY / STRIPE_API_BASE).
 */
import Stripe from "stripe";
import { fromMinorUnits } from "@/server/billing/money/currency";
import type { InvoiceSource } from "./source-facts";

const fromUnix = (seconds: number) => new Date(seconds * 1000);

export function stripeInvoiceSource(stripe: Stripe | null): InvoiceSource {
  return async (processorId, currency) => {
    if (!stripe) return { ok: false, reason: "Stripe is not configured (STRIPE_SECRET_KEY): cannot verify" };
    try {
      const invoice = await stripe.invoices.retrieve(processorId);
      const cur = (invoice.currency || currency).toUpperCase();
      const paid = invoice.status === "paid";
      return {
        ok: true,
        source: "stripe",
        facts: {
          invoiceDate: fromUnix(invoice.created),
          state: invoice.status === "void" ? "void" : invoice.status === "draft" ? "draft" : "final",
          paid,
          paidAt: paid && invoice.status_transitions.paid_at ? fromUnix(invoice.status_transitions.paid_at) : null,
          amountPaid: fromMinorUnits(invoice.amount_paid, cur),
          total: fromMinorUnits(invoice.total, cur),
        },
      };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") {
        return { ok: false, reason: `Stripe has no invoice ${processorId}` };
      }
      if (error instanceof Stripe.errors.StripeAuthenticationError) return { ok: false, reason: "Stripe refused the API key" };
      if (error instanceof Stripe.errors.StripeConnectionError) return { ok: false, reason: "Stripe is unreachable; will retry" };
      if (error instanceof Stripe.errors.StripeError) return { ok: false, reason: `Stripe answered ${error.statusCode ?? "an error"}; will retry` };
      throw error;
    }
  };
}
