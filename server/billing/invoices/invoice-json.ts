/**
 * The Lago-shaped JSON of invoices, subscriptions and customers, shared by the
 * REST API and the outbound webhook payloads. Money and quantities are strings.
 */
import type {
  BillingCreditNote,
  BillingInvoice,
  BillingInvoiceLine,
  BillingPayment,
  BillingSubscription,
  Customer,
} from "@/server/generated/prisma/client";
import { dec, decimalString, moneyString } from "../wire";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What is still owed on an invoice: total − paid − credited (never below 0). */
export function amountDue(invoice: Pick<BillingInvoice, "total" | "amountPaid" | "amountCredited">): string {
  const due = dec(invoice.total).minus(dec(invoice.amountPaid)).minus(dec(invoice.amountCredited));
  return due.isNegative() ? "0.00" : due.toFixed(2);
}

export function lineJson(line: BillingInvoiceLine) {
  return {
    position: line.position,
    kind: line.kind,
    description: line.description,
    quantity: decimalString(line.quantity),
    included_quantity: decimalString(line.includedQuantity),
    units: decimalString(line.units),
    unit_price: decimalString(line.unitPrice),
    amount: moneyString(line.amount),
  };
}

export function invoiceJson(
  invoice: BillingInvoice & {
    lines?: BillingInvoiceLine[];
    subscription?: Pick<BillingSubscription, "externalId"> | null;
    payments?: BillingPayment[];
  },
) {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    currency: invoice.currency,
    customer_id: invoice.customerId,
    external_subscription_id: invoice.subscription?.externalId ?? null,
    period: invoice.periodStart ? { from: iso(invoice.periodStart), to: iso(invoice.periodEnd) } : null,
    tax_behaviour: invoice.taxBehaviour,
    tax_rate_percent: decimalString(invoice.taxRatePercent),
    subtotal: moneyString(invoice.subtotal),
    tax_amount: moneyString(invoice.taxAmount),
    total: moneyString(invoice.total),
    amount_paid: moneyString(invoice.amountPaid),
    amount_credited: moneyString(invoice.amountCredited),
    amount_refunded: moneyString(invoice.amountRefunded),
    amount_due: invoice.status === "void" ? "0.00" : amountDue(invoice),
    payment_attempts: invoice.paymentAttempts,
    next_payment_attempt_at: iso(invoice.nextPaymentAttemptAt),
    last_payment_error: invoice.lastPaymentError,
    issued_at: iso(invoice.issuedAt),
    due_at: iso(invoice.dueAt),
    paid_at: iso(invoice.paidAt),
    voided_at: iso(invoice.voidedAt),
    ...(invoice.lines ? { lines: [...invoice.lines].sort((a, b) => a.position - b.position).map(lineJson) } : {}),
  };
}

export function paymentJson(payment: BillingPayment) {
  return {
    id: payment.id,
    attempt: payment.attempt,
    status: payment.status,
    amount: moneyString(payment.amount),
    amount_refunded: moneyString(payment.amountRefunded),
    currency: payment.currency,
    failure_code: payment.failureCode,
    failure_message: payment.failureMessage,
    created_at: payment.createdAt.toISOString(),
  };
}

export function creditNoteJson(note: BillingCreditNote) {
  return {
    id: note.id,
    number: note.number,
    invoice_id: note.invoiceId,
    reason: note.reason,
    subtotal: moneyString(note.subtotal),
    tax_amount: moneyString(note.taxAmount),
    total: moneyString(note.total),
    credit_amount: moneyString(note.creditAmount),
    refund_amount: moneyString(note.refundAmount),
    created_at: note.createdAt.toISOString(),
  };
}

export function subscriptionJson(
  sub: BillingSubscription & { plan?: { code: string }; pendingPlan?: { code: string } | null },
) {
  return {
    id: sub.id,
    external_id: sub.externalId,
    status: sub.status,
    customer_id: sub.customerId,
    plan_code: sub.plan?.code ?? null,
    next_plan_code: sub.pendingPlan?.code ?? null,
    started_at: iso(sub.startedAt),
    current_period: { from: iso(sub.currentPeriodStart), to: iso(sub.currentPeriodEnd) },
    cancelled_at: iso(sub.cancelledAt),
    terminated_at: iso(sub.terminatedAt),
  };
}

export function customerJson(customer: Customer, externalId?: string) {
  return {
    id: customer.id,
    ...(externalId ? { external_customer_id: externalId } : {}),
    kind: customer.kind,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    address: {
      line1: customer.addressLine1,
      line2: customer.addressLine2,
      city: customer.city,
      region: customer.region,
      postal_code: customer.postalCode,
      country: customer.country,
    },
    tax_id: customer.taxId,
    tax_rate_percent: decimalString(customer.taxRatePercent),
    has_payment_method: Boolean(customer.stripePaymentMethodId),
    payment_method: customer.paymentMethodLabel,
  };
}
