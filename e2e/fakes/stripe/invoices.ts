/**
 * /v1/invoices/:id (retrieve), for the invoice ledger's verification. Tests
 * and e2e seed invoices with `seedInvoice` (or POST /__fake/invoices); the
 * object carries the fields of Stripe's documented Invoice object that the
 * ledger reads, typed against the SDK's own `Stripe.Invoice` so a shape drift
 * fails to compile.
 */
import type Stripe from "stripe";
import { route } from "./route-kit";
import type { FakeStripeState, StripeObject } from "./state";
import { missing } from "./stripe-error";

type InvoiceFields = Pick<
  Stripe.Invoice,
  | "id" | "object" | "amount_due" | "amount_paid" | "amount_remaining" | "attempt_count" | "attempted" | "billing_reason"
  | "collection_method" | "created" | "currency" | "customer" | "customer_name" | "description" | "due_date" | "effective_at"
  | "livemode" | "metadata" | "number" | "period_end" | "period_start" | "status" | "status_transitions" | "subtotal"
  | "subtotal_excluding_tax" | "total" | "total_excluding_tax"
>;

export interface SeedInvoice {
  id: string;
  /** Minor units (cents), as Stripe reports them. */
  total: number;
  tax?: number;
  currency?: string;
  status: "draft" | "open" | "paid" | "void" | "uncollectible";
  /** Unix seconds. */
  created: number;
  paidAt?: number | null;
  number?: string | null;
  customer?: string | null;
}

/** A Stripe Invoice object as `GET /v1/invoices/:id` returns it. */
export function buildStripeInvoice(seed: SeedInvoice): InvoiceFields & StripeObject {
  const paid = seed.status === "paid";
  const tax = seed.tax ?? 0;
  const finalized = seed.status === "draft" ? null : seed.created;
  const invoice: InvoiceFields = {
    id: seed.id,
    object: "invoice",
    amount_due: seed.total,
    amount_paid: paid ? seed.total : 0,
    amount_remaining: paid || seed.status === "void" ? 0 : seed.total,
    attempt_count: paid ? 1 : 0,
    attempted: paid,
    billing_reason: "subscription_cycle",
    collection_method: "charge_automatically",
    created: seed.created,
    currency: (seed.currency ?? "cad").toLowerCase(),
    customer: seed.customer ?? null,
    customer_name: null,
    description: null,
    due_date: null,
    effective_at: finalized,
    livemode: false,
    metadata: {},
    number: seed.number ?? null,
    period_end: seed.created,
    period_start: seed.created,
    status: seed.status,
    status_transitions: {
      finalized_at: finalized,
      marked_uncollectible_at: null,
      paid_at: paid ? (seed.paidAt ?? seed.created) : null,
      voided_at: seed.status === "void" ? seed.created : null,
    },
    subtotal: seed.total - tax,
    subtotal_excluding_tax: seed.total - tax,
    total: seed.total,
    total_excluding_tax: seed.total - tax,
  };
  return invoice as InvoiceFields & StripeObject;
}

export function seedInvoice(state: FakeStripeState, seed: SeedInvoice): StripeObject {
  const invoice = buildStripeInvoice(seed);
  state.invoices.set(invoice.id, invoice);
  return invoice;
}

export const invoiceRoutes = [
  route("GET", "/v1/invoices/:id", [], (ctx) => {
    const invoice = ctx.state.invoices.get(ctx.ids[0]!);
    if (!invoice) throw missing("invoice", ctx.ids[0]!, "invoice");
    return invoice;
  }),
];
