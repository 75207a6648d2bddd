/**
 * Switchboard's card payments in the ledger. A payment that succeeded posts
 * Dr processor clearing, Cr receivables (Stripe holds the money until its
 * payout reaches the bank). Money given back (a credit note's refund, or a
 * refund made in Stripe) posts the reverse, Dr receivables, Cr clearing, once
 * per increase of the payment's refunded amount: the source key carries the
 * cumulative refunded amount, so each increase has its own unique entry.
 */
import { Decimal } from "decimal.js";
import { SOURCE_KINDS, bookDocument, type SourceRun } from "./post-source-entry";
import type { DraftEntryInput } from "../write-entry";

/** Posts succeeded payments (refunded ones succeeded first) not yet in the ledger. */
export async function postSwitchboardPayments(run: SourceRun): Promise<void> {
  const ids = await run.db.$queryRaw<{ id: string }[]>`
    SELECT p."id" FROM "BillingPayment" p JOIN "BillingInvoice" i ON i."id" = p."invoiceId"
     WHERE p."status" IN ('succeeded', 'refunded', 'partially_refunded')
       AND upper(i."currency") = ${run.currency}
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.payment} AND e."sourceId" = p."id")
     ORDER BY p."createdAt", p."id"
     LIMIT ${run.limit}`;
  for (const { id } of ids) await bookDocument(run, SOURCE_KINDS.payment, id, () => paymentEntry(run, id));
}

/** A payment with what its entries name: the invoice number, the customer and the currency. */
async function loadPayment(run: SourceRun, id: string) {
  const payment = await run.db.billingPayment.findUniqueOrThrow({ where: { id }, include: { invoice: { select: { number: true, currency: true, customerId: true, customer: { select: { name: true } } } } } });
  return { payment, number: payment.invoice.number ?? payment.invoiceId };
}

type Payment = Awaited<ReturnType<typeof loadPayment>>["payment"];

/** The header both a payment's entry and its refunds' share (processor journal, charge id as memo). */
function processorEntry(payment: Payment, entry: Pick<DraftEntryInput, "date" | "ref" | "sourceKind" | "sourceId" | "lines">): DraftEntryInput {
  return {
    journal: "PROC",
    memo: payment.stripeChargeId ?? payment.stripePaymentIntentId,
    partner: payment.invoice.customer.name,
    customerId: payment.invoice.customerId,
    currency: payment.invoice.currency.toUpperCase(),
    ...entry,
  };
}

async function paymentEntry(run: SourceRun, id: string): Promise<DraftEntryInput> {
  const { payment, number } = await loadPayment(run, id);
  const amount = new Decimal(payment.amount.toString());
  return processorEntry(payment, {
    date: payment.createdAt,
    ref: `PAY ${number}#${payment.attempt}`,
    sourceKind: SOURCE_KINDS.payment,
    sourceId: payment.id,
    lines: [
      { account: "clearing", description: `Card payment on invoice ${number}`, amount },
      { account: "receivables", description: `Paid: invoice ${number}`, amount: amount.negated() },
    ],
  });
}

/** Posts each payment's refunded amount beyond what earlier refund entries already took out of clearing. */
export async function postSwitchboardRefunds(run: SourceRun): Promise<void> {
  const rows = await run.db.$queryRaw<{ id: string; refunded: string }[]>`
    SELECT p."id", p."amountRefunded"::text AS refunded FROM "BillingPayment" p JOIN "BillingInvoice" i ON i."id" = p."invoiceId"
     WHERE p."amountRefunded" > 0
       AND upper(i."currency") = ${run.currency}
       AND EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.payment} AND e."sourceId" = p."id" AND e."state" = 'posted')
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.refund} AND e."sourceId" = p."id" || ':' || p."amountRefunded"::text)
     ORDER BY p."updatedAt", p."id"
     LIMIT ${run.limit}`;
  for (const row of rows) await bookDocument(run, SOURCE_KINDS.refund, `${row.id}:${row.refunded}`, () => refundEntry(run, row.id, row.refunded));
}

async function refundEntry(run: SourceRun, paymentId: string, refundedText: string): Promise<DraftEntryInput | null> {
  const { payment, number } = await loadPayment(run, paymentId);
  const earlier = await run.db.ledgerLine.aggregate({
    where: { account: { key: "clearing" }, entry: { sourceKind: SOURCE_KINDS.refund, sourceId: { startsWith: `${paymentId}:` } } },
    _sum: { credit: true },
  });
  const amount = new Decimal(refundedText).minus(earlier._sum.credit?.toString() ?? "0");
  if (amount.lessThanOrEqualTo(0)) return null;
  return processorEntry(payment, {
    date: payment.updatedAt,
    ref: `REFUND ${number}#${payment.attempt}`,
    sourceKind: SOURCE_KINDS.refund,
    sourceId: `${paymentId}:${refundedText}`,
    lines: [
      { account: "receivables", description: `Refunded to the card: invoice ${number}`, amount },
      { account: "clearing", description: `Card refund on invoice ${number}`, amount: amount.negated() },
    ],
  });
}
