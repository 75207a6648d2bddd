/**
 * What a payment's success or failure does to the invoice, shared by the
 * charging path and the Stripe webhooks. Both may report the same charge (in
 * either order): the invoice row lock and the charge id make the second
 * report a no-op. When our own write was lost, the webhook's report rebuilds
 * the payment record from Stripe's data.
 */
import type { DbOrTx } from "@/server/db";
import type { BillingPayment } from "@/server/generated/prisma/client";
import { amountDue, invoiceJson, paymentJson } from "../invoices/invoice-json";
import { lagoInvoiceWebhook } from "../lago/service-invoice";
import { emitBillingEvent } from "../webhooks/emit-event";
import { fromMinorUnits } from "../money/currency";
import { dec } from "../wire";
import { carryBalanceForward } from "./carry-balance";
import { belowMinimumReason } from "./minimum-charge";
import { holdPaymentForReview, paymentMismatch } from "./payment-review";

export interface PaymentReport {
  invoiceId: string;
  paymentIntentId: string | null;
  chargeId: string | null;
  /** Amount Stripe charged (or tried to), in minor units. */
  amountMinor: number;
  currency: string;
  now: Date;
}

/** Holds the invoice row until the transaction ends. */
export async function lockInvoice(tx: DbOrTx, invoiceId: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM "BillingInvoice" WHERE "id" = $1 FOR UPDATE`, invoiceId);
}

/**
 * The payment row a report is about: by charge id, else the attempt still in
 * flight, else a new one rebuilt from the report (our write was lost).
 */
async function findOrRebuildPayment(
  tx: DbOrTx,
  report: PaymentReport,
  status: "succeeded" | "failed",
): Promise<{ payment: BillingPayment; alreadyFinal: boolean }> {
  if (report.chargeId) {
    const byCharge = await tx.billingPayment.findUnique({ where: { stripeChargeId: report.chargeId } });
    if (byCharge) return { payment: byCharge, alreadyFinal: byCharge.status !== "processing" };
  }
  const inFlight = await tx.billingPayment.findFirst({
    where: {
      invoiceId: report.invoiceId,
      status: "processing",
      OR: [{ stripePaymentIntentId: null }, ...(report.paymentIntentId ? [{ stripePaymentIntentId: report.paymentIntentId }] : [])],
    },
    orderBy: { attempt: "desc" },
  });
  if (inFlight) return { payment: inFlight, alreadyFinal: false };
  const last = await tx.billingPayment.findFirst({ where: { invoiceId: report.invoiceId }, orderBy: { attempt: "desc" }, select: { attempt: true } });
  const attempt = (last?.attempt ?? 0) + 1;
  const payment = await tx.billingPayment.create({
    data: {
      invoiceId: report.invoiceId,
      attempt,
      amount: fromMinorUnits(report.amountMinor, report.currency).toFixed(),
      currency: report.currency.toUpperCase(),
      status,
      stripePaymentIntentId: report.paymentIntentId,
      stripeChargeId: report.chargeId,
      rebuiltFromWebhook: true,
    },
  });
  await tx.billingInvoice.updateMany({ where: { id: report.invoiceId, paymentAttempts: { lt: attempt } }, data: { paymentAttempts: attempt } });
  return { payment, alreadyFinal: false };
}

/** True when this charge already has its final outcome (a redelivered report). */
async function alreadyRecorded(tx: DbOrTx, report: PaymentReport): Promise<boolean> {
  if (!report.chargeId) return false;
  const byCharge = await tx.billingPayment.findUnique({ where: { stripeChargeId: report.chargeId }, select: { status: true } });
  return Boolean(byCharge && byCharge.status !== "processing");
}

/** Records a successful charge (held for review instead when its currency or amount does not match the invoice): payment succeeded, invoice paid when nothing is left, subscription active again. */
export async function recordPaymentSucceeded(tx: DbOrTx, report: PaymentReport): Promise<string[]> {
  await lockInvoice(tx, report.invoiceId);
  if (await alreadyRecorded(tx, report)) return [];
  const mismatch = await paymentMismatch(tx, report);
  if (mismatch) {
    await holdPaymentForReview(tx, report, mismatch);
    return [];
  }
  const { payment, alreadyFinal } = await findOrRebuildPayment(tx, report, "succeeded");
  if (alreadyFinal) return [];
  const amount = fromMinorUnits(report.amountMinor, report.currency);
  const updatedPayment = await tx.billingPayment.update({
    where: { id: payment.id },
    data: {
      status: "succeeded",
      amount: amount.toFixed(),
      stripePaymentIntentId: report.paymentIntentId ?? payment.stripePaymentIntentId,
      stripeChargeId: report.chargeId ?? payment.stripeChargeId,
      failureCode: null,
      failureMessage: null,
    },
  });
  const invoice = await tx.billingInvoice.findUniqueOrThrow({ where: { id: report.invoiceId } });
  const paid = dec(invoice.amountPaid).plus(amount);
  const left = dec(amountDue({ ...invoice, amountPaid: paid }));
  // What Stripe could not be asked for (a KWD charge rounded down to 10 fils) is below its minimum: carried or marked, never dunned.
  const uncharged = left.isZero() ? null : belowMinimumReason(left.toFixed(), invoice.currency);
  const carried = uncharged && invoice.subscriptionId ? await carryBalanceForward(tx, { ...invoice, subscriptionId: invoice.subscriptionId }, left.toFixed(), report.now) : false;
  const settled = left.isZero() || carried;
  const updated = await tx.billingInvoice.update({
    where: { id: invoice.id },
    data: {
      amountPaid: paid.toFixed(),
      ...(report.paymentIntentId && !invoice.stripePaymentIntentId ? { stripePaymentIntentId: report.paymentIntentId } : {}),
      ...(settled && (invoice.status === "open" || invoice.status === "uncollectible")
        ? { status: "paid", paidAt: report.now, nextPaymentAttemptAt: null, lastPaymentError: null }
        : {}),
      ...(!settled && uncharged ? { nextPaymentAttemptAt: null, lastPaymentError: `below_minimum: ${uncharged}` } : {}),
    },
    include: { lines: true, subscription: { select: { externalId: true, serviceId: true, status: true, id: true } } },
  });
  const sub = updated.subscription;
  if (sub?.status === "past_due") {
    await tx.billingSubscription.update({ where: { id: sub.id }, data: { status: "active" } });
  }
  if (!sub) return [];
  const eventId = await emitBillingEvent(tx, {
    type: "invoice.payment_succeeded",
    serviceId: sub.serviceId,
    now: report.now,
    data: { invoice: invoiceJson(updated), payment: paymentJson(updatedPayment) },
    lago: lagoInvoiceWebhook(tx, sub.serviceId, updated.id, "invoice.payment_status_updated"),
  });
  return eventId ? [eventId] : [];
}

export interface FailureReport extends PaymentReport {
  failureCode: string;
  failureMessage: string;
  /** Waits before each retry (BILLING_DUNNING_SCHEDULE). */
  dunningScheduleMs: readonly number[];
}

/**
 * Records a failed charge and advances dunning: the k-th failure schedules a
 * retry after dunningScheduleMs[k-1]; when the schedule is used up the
 * invoice becomes uncollectible. The subscription is past due meanwhile.
 */
export async function recordPaymentFailed(tx: DbOrTx, report: FailureReport): Promise<string[]> {
  await lockInvoice(tx, report.invoiceId);
  const { payment, alreadyFinal } = await findOrRebuildPayment(tx, report, "failed");
  if (alreadyFinal) return [];
  const updatedPayment = await tx.billingPayment.update({
    where: { id: payment.id },
    data: {
      status: "failed",
      stripePaymentIntentId: report.paymentIntentId ?? payment.stripePaymentIntentId,
      stripeChargeId: report.chargeId ?? payment.stripeChargeId,
      failureCode: report.failureCode,
      failureMessage: report.failureMessage,
    },
  });
  const invoice = await tx.billingInvoice.findUniqueOrThrow({ where: { id: report.invoiceId } });
  if (invoice.status !== "open") return [];
  const failures = await tx.billingPayment.count({ where: { invoiceId: invoice.id, status: "failed" } });
  const delay = report.dunningScheduleMs[failures - 1];
  const final = delay === undefined;
  const nextAttempt = final ? null : new Date(report.now.getTime() + delay);
  const updated = await tx.billingInvoice.update({
    where: { id: invoice.id },
    data: {
      lastPaymentError: `${report.failureCode}: ${report.failureMessage}`,
      nextPaymentAttemptAt: nextAttempt,
      ...(report.paymentIntentId && !invoice.stripePaymentIntentId ? { stripePaymentIntentId: report.paymentIntentId } : {}),
      ...(final ? { status: "uncollectible", uncollectibleAt: report.now } : {}),
    },
    include: { lines: true, subscription: { select: { externalId: true, serviceId: true, status: true, id: true } } },
  });
  const sub = updated.subscription;
  if (sub && sub.status === "active") {
    await tx.billingSubscription.update({ where: { id: sub.id }, data: { status: "past_due" } });
  }
  if (!sub) return [];
  const eventId = await emitBillingEvent(tx, {
    type: "invoice.payment_failed",
    serviceId: sub.serviceId,
    now: report.now,
    lago: lagoInvoiceWebhook(tx, sub.serviceId, updated.id, "invoice.payment_status_updated"),
    data: {
      invoice: invoiceJson(updated),
      payment: paymentJson(updatedPayment),
      final,
      next_payment_attempt_at: nextAttempt ? nextAttempt.toISOString() : null,
    },
  });
  return eventId ? [eventId] : [];
}
