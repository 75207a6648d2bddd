/**
 * Ascora's invoices and payments (stored by the Accounting API pull,
 * server/billing/external) in the ledger.
 *
 * Invoice: Dr receivables (total), Cr income, Cr tax payable. The income is
 * AdjustedAmountExTax, not AmountExTax: the adjusted amount is what Ascora
 * bills after its adjustments (discounts, write-downs), and the stored total
 * the customer owes is adjusted + tax, so anything else would not balance
 * against the receivable. The lines (AmountExTax each) only weigh how that
 * income splits over families; the adjustment is shared in proportion.
 *
 * Payment: Dr bank, Cr receivables. Ascora records payments taken outside our
 * card processor (transfer, cheque, cash, its own terminal), so the money is
 * in the bank, not waiting in processor clearing.
 */
import { SOURCE_KINDS, bookDocument, type SourceRun } from "./post-source-entry";
import { dec, incomeLines } from "./split-income";
import type { DraftEntryInput } from "../write-entry";

async function customerName(run: SourceRun, customerId: string): Promise<string | null> {
  return (await run.db.customer.findUnique({ where: { id: customerId }, select: { name: true } }))?.name ?? null;
}

/** Posts stored Ascora invoices not yet in the ledger. */
export async function postAscoraInvoices(run: SourceRun): Promise<void> {
  const ids = await run.db.$queryRaw<{ id: string; key: string }[]>`
    SELECT x."id", x."connectionId" || ':' || x."remoteId" AS key FROM "ExternalInvoice" x
     WHERE upper(x."currency") = ${run.currency}
       AND NOT (x."adjustedAmountExTax" = 0 AND x."tax" = 0 AND x."total" = 0)
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.ascoraInvoice} AND e."sourceId" = x."connectionId" || ':' || x."remoteId")
     ORDER BY x."invoiceDate", x."id"
     LIMIT ${run.limit}`;
  for (const { id, key } of ids) await bookDocument(run, SOURCE_KINDS.ascoraInvoice, key, () => ascoraInvoiceEntry(run, id, key));
}

async function ascoraInvoiceEntry(run: SourceRun, id: string, key: string): Promise<DraftEntryInput> {
  const invoice = await run.db.externalInvoice.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { position: "asc" } } } });
  const income = incomeLines(
    dec(invoice.adjustedAmountExTax),
    invoice.lines.map((l) => ({ description: l.description, amount: dec(l.amountExTax), alsoKnownAs: [l.partNumber] })),
    run.rules,
    invoice.currency,
    -1,
  );
  return {
    journal: "SALES",
    date: invoice.invoiceDate,
    ref: invoice.invoiceNumber,
    memo: "Ascora invoice",
    partner: await customerName(run, invoice.customerId),
    customerId: invoice.customerId,
    currency: invoice.currency.toUpperCase(),
    sourceKind: SOURCE_KINDS.ascoraInvoice,
    sourceId: key,
    lines: [
      { account: "receivables", description: `Ascora invoice ${invoice.invoiceNumber}`, amount: dec(invoice.total) },
      ...income,
      { account: "tax", description: `Tax on Ascora invoice ${invoice.invoiceNumber}`, amount: dec(invoice.tax).negated() },
    ],
  };
}

/** Posts stored Ascora payments not yet in the ledger. */
export async function postAscoraPayments(run: SourceRun): Promise<void> {
  const ids = await run.db.$queryRaw<{ id: string; key: string }[]>`
    SELECT p."id", p."connectionId" || ':' || p."remoteId" AS key FROM "ExternalPayment" p JOIN "ExternalInvoice" x ON x."id" = p."invoiceId"
     WHERE upper(x."currency") = ${run.currency}
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.ascoraPayment} AND e."sourceId" = p."connectionId" || ':' || p."remoteId")
     ORDER BY p."paymentDate", p."id"
     LIMIT ${run.limit}`;
  for (const { id, key } of ids) await bookDocument(run, SOURCE_KINDS.ascoraPayment, key, () => ascoraPaymentEntry(run, id, key));
}

async function ascoraPaymentEntry(run: SourceRun, id: string, key: string): Promise<DraftEntryInput> {
  const payment = await run.db.externalPayment.findUniqueOrThrow({ where: { id }, include: { invoice: { select: { invoiceNumber: true, currency: true } } } });
  const amount = dec(payment.amount);
  const number = payment.invoice.invoiceNumber;
  return {
    journal: "BANK",
    date: payment.paymentDate,
    ref: `PAY ${number}`,
    memo: [payment.method, payment.reference].filter(Boolean).join(" ") || "Ascora payment",
    partner: await customerName(run, payment.customerId),
    customerId: payment.customerId,
    currency: payment.invoice.currency.toUpperCase(),
    sourceKind: SOURCE_KINDS.ascoraPayment,
    sourceId: key,
    lines: [
      { account: "bank", description: `Payment on Ascora invoice ${number}`, amount },
      { account: "receivables", description: `Paid: Ascora invoice ${number}`, amount: amount.negated() },
    ],
  };
}
