/**
 * Invoices and their lines as Lago returns them (InvoiceObject, FeeObject):
 * money in integer minor units of the invoice's currency, the exact
 * (unrounded) amounts as precise_* strings, and Lago's status names. The
 * invoice's tax is computed once on its lines (server/billing/tax.ts); a
 * fee's taxes_amount_cents is that rate applied to the line, for display.
 */
import type { BillingInvoice, BillingInvoiceLine, BillingSubscription } from "@/server/generated/prisma/client";
import { amountDue } from "../invoices/invoice-json";
import { exactMoneyString } from "../money/currency";
import { dec, decimalString } from "../wire";
import { minorUnitDigits, toCents } from "./minor-units";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = (d: Date) => d.toISOString().slice(0, 10);

type InvoiceRow = BillingInvoice & {
  lines?: BillingInvoiceLine[];
  subscription?: (Pick<BillingSubscription, "id" | "externalId"> & { plan?: { code: string } }) | null;
};

export function lagoInvoiceStatus(status: BillingInvoice["status"]) {
  if (status === "draft") return "draft" as const;
  if (status === "void") return "voided" as const;
  return "finalized" as const;
}

export function lagoPaymentStatus(invoice: Pick<BillingInvoice, "status" | "lastPaymentError">) {
  if (invoice.status === "paid") return "succeeded" as const;
  const failed = invoice.lastPaymentError !== null && !invoice.lastPaymentError.startsWith("below_minimum");
  if (invoice.status === "uncollectible" || (invoice.status === "open" && failed)) return "failed" as const;
  return "pending" as const;
}

function exactAmount(line: BillingInvoiceLine): string {
  const details = line.details as { exactAmount?: unknown } | null;
  return typeof details?.exactAmount === "string" ? details.exactAmount : decimalString(line.amount);
}

export function lagoFeeJson(line: BillingInvoiceLine, invoice: InvoiceRow, externalCustomerId: string | null) {
  const currency = invoice.currency;
  const rate = dec(invoice.taxRatePercent).dividedBy(100);
  const amount = dec(line.amount);
  // Inclusive plans print gross line amounts: split the line's tax out of it; exclusive ones add it.
  // A carried balance already includes the tax of the invoice it came from.
  const carried = line.kind === "carried_balance";
  const net = carried ? amount : invoice.taxBehaviour === "inclusive" ? amount.dividedBy(rate.plus(1)) : amount;
  const tax = carried ? dec("0") : invoice.taxBehaviour === "inclusive" ? amount.minus(net) : amount.times(rate);
  const usage = line.kind === "usage";
  return {
    lago_id: line.id,
    lago_charge_id: line.chargeId,
    lago_invoice_id: invoice.id,
    lago_subscription_id: invoice.subscription?.id ?? invoice.subscriptionId,
    lago_customer_id: invoice.customerId,
    external_customer_id: externalCustomerId,
    external_subscription_id: invoice.subscription?.externalId ?? null,
    amount_cents: toCents(net, currency),
    precise_amount: net.toFixed(),
    precise_total_amount: net.plus(tax).toFixed(),
    amount_currency: currency,
    taxes_amount_cents: toCents(tax, currency),
    taxes_precise_amount: tax.toFixed(),
    taxes_rate: Number(invoice.taxRatePercent.toFixed()),
    units: decimalString(line.units),
    precise_unit_amount: decimalString(line.unitPrice),
    total_aggregated_units: decimalString(line.quantity),
    total_amount_cents: toCents(net.plus(tax), currency),
    total_amount_currency: currency,
    events_count: null,
    pay_in_advance: false,
    invoiceable: true,
    from_date: iso(invoice.periodStart),
    to_date: iso(invoice.periodEnd),
    payment_status: lagoPaymentStatus(invoice),
    created_at: iso(invoice.createdAt),
    succeeded_at: iso(invoice.paidAt),
    failed_at: null,
    refunded_at: null,
    description: line.description,
    sub_total_excluding_taxes_amount_cents: toCents(net, currency),
    sub_total_excluding_taxes_precise_amount_cents: net.times(10 ** minorUnitDigits(currency)).toFixed(),
    // Ours: the line as printed, the exact amount before rounding, and what the included quota covered.
    amount: exactMoneyString(line.amount, currency),
    exact_amount: exactAmount(line),
    included_units: decimalString(line.includedQuantity),
    item: {
      type: usage ? ("charge" as const) : ("subscription" as const),
      code: usage ? line.description : (invoice.subscription?.plan?.code ?? "subscription"),
      name: line.description,
      invoice_display_name: line.description,
      lago_item_id: usage ? (line.metricId ?? line.id) : (invoice.subscriptionId ?? line.id),
      item_type: usage ? ("BillableMetric" as const) : ("Subscription" as const),
    },
  };
}

export function lagoInvoiceJson(invoice: InvoiceRow, opts: { externalCustomerId?: string | null; fileUrl?: string | null } = {}) {
  const currency = invoice.currency;
  const cents = (v: { toFixed(): string }) => toCents(dec(v), currency);
  const due = invoice.status === "void" ? "0" : amountDue(invoice);
  return {
    lago_id: invoice.id,
    billing_entity_code: null,
    number: invoice.number ?? "",
    issuing_date: day(invoice.issuedAt ?? invoice.createdAt),
    payment_due_date: invoice.dueAt ? day(invoice.dueAt) : null,
    payment_overdue: invoice.status === "open" && invoice.dueAt !== null && invoice.dueAt.getTime() < Date.now(),
    invoice_type: invoice.subscriptionId ? ("subscription" as const) : ("one_off" as const),
    status: lagoInvoiceStatus(invoice.status),
    payment_status: lagoPaymentStatus(invoice),
    currency,
    fees_amount_cents: cents(invoice.subtotal),
    coupons_amount_cents: 0,
    credit_notes_amount_cents: cents(dec(invoice.amountCredited).plus(dec(invoice.amountRefunded))),
    sub_total_excluding_taxes_amount_cents: cents(invoice.subtotal),
    taxes_amount_cents: cents(invoice.taxAmount),
    sub_total_including_taxes_amount_cents: cents(invoice.total),
    prepaid_credit_amount_cents: 0,
    progressive_billing_credit_amount_cents: 0,
    total_amount_cents: cents(invoice.total),
    total_paid_amount_cents: cents(invoice.amountPaid),
    total_due_amount_cents: toCents(due, currency),
    version_number: 4,
    file_url: opts.fileUrl ?? null,
    created_at: invoice.createdAt.toISOString(),
    updated_at: invoice.updatedAt.toISOString(),
    voided_at: iso(invoice.voidedAt),
    // Ours: the period, the tax rule and the dunning state.
    external_subscription_id: invoice.subscription?.externalId ?? null,
    from_date: iso(invoice.periodStart),
    to_date: iso(invoice.periodEnd),
    tax_behaviour: invoice.taxBehaviour,
    taxes_rate: Number(invoice.taxRatePercent.toFixed()),
    payment_attempts: invoice.paymentAttempts,
    next_payment_attempt_at: iso(invoice.nextPaymentAttemptAt),
    last_payment_error: invoice.lastPaymentError,
    ...(invoice.lines
      ? { fees: [...invoice.lines].sort((a, b) => a.position - b.position).map((l) => lagoFeeJson(l, invoice, opts.externalCustomerId ?? null)) }
      : {}),
  };
}
