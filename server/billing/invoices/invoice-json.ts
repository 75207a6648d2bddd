/**
 * The Lago-shaped JSON of invoices, subscriptions and customers, shared by the
 * REST API and the outbound webhook payloads. Money and quantities are strings.
 */
import type {
  BillingInvoice,
  BillingInvoiceLine,
  BillingPayment,
  BillingSubscription,
  Customer,
} from "@/server/generated/prisma/client";
import { currencyString, exactMoneyString } from "../money/currency";
import { dec, decimalString } from "../wire";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What is still owed on an invoice: total − paid − credited − carried to a later invoice (never below 0). */
export function amountDue(invoice: Pick<BillingInvoice, "total" | "amountPaid" | "amountCredited" | "amountCarried" | "currency">): string {
  const due = dec(invoice.total).minus(dec(invoice.amountPaid)).minus(dec(invoice.amountCredited)).minus(dec(invoice.amountCarried));
  return currencyString(due.isNegative() ? "0" : due, invoice.currency);
}

export function lineJson(line: BillingInvoiceLine, currency: string) {
  return {
    position: line.position,
    kind: line.kind,
    description: line.description,
    quantity: decimalString(line.quantity),
    included_quantity: decimalString(line.includedQuantity),
    units: decimalString(line.units),
    unit_price: decimalString(line.unitPrice),
    // Exact: only the invoice's totals are rounded.
    amount: exactMoneyString(line.amount, currency),
  };
}

export function invoiceJson(
  invoice: BillingInvoice & {
    lines?: BillingInvoiceLine[];
    subscription?: Pick<BillingSubscription, "externalId"> | null;
    payments?: BillingPayment[];
  },
) {
  const money = (value: { toFixed(): string } | string) => currencyString(value, invoice.currency);
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
    subtotal: money(invoice.subtotal),
    tax_amount: money(invoice.taxAmount),
    total: money(invoice.total),
    amount_paid: money(invoice.amountPaid),
    amount_credited: money(invoice.amountCredited),
    amount_refunded: money(invoice.amountRefunded),
    amount_carried_forward: money(invoice.amountCarried),
    amount_due: invoice.status === "void" ? money("0") : amountDue(invoice),
    payment_attempts: invoice.paymentAttempts,
    next_payment_attempt_at: iso(invoice.nextPaymentAttemptAt),
    last_payment_error: invoice.lastPaymentError,
    issued_at: iso(invoice.issuedAt),
    due_at: iso(invoice.dueAt),
    paid_at: iso(invoice.paidAt),
    voided_at: iso(invoice.voidedAt),
    ...(invoice.lines ? { lines: [...invoice.lines].sort((a, b) => a.position - b.position).map((line) => lineJson(line, invoice.currency)) } : {}),
  };
}

export function paymentJson(payment: BillingPayment) {
  return {
    id: payment.id,
    attempt: payment.attempt,
    status: payment.status,
    amount: currencyString(payment.amount, payment.currency),
    amount_refunded: currencyString(payment.amountRefunded, payment.currency),
    currency: payment.currency,
    failure_code: payment.failureCode,
    failure_message: payment.failureMessage,
    created_at: payment.createdAt.toISOString(),
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
