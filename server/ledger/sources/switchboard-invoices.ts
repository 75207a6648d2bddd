/**
 * Switchboard's issued invoices in the ledger. Each posts once: Dr receivables
 * (total), Cr income per line in its family (by the admin's rules over the
 * line's description, metric and plan; unmatched → Other, flagged), Cr tax
 * payable. A "carried balance" line is an earlier invoice's receivable billed
 * here, so it credits receivables (that invoice's debt moves here), not income.
 * Drafts never post. A $0 invoice (subtotal, tax and total all zero) posts
 * nothing: there is no receivable, income or tax to record.
 * A void after posting is a new reversing entry; the posted one is never touched.
 */
import { SOURCE_KINDS, bookDocument, netLines, postedLines, type SourceRun } from "./post-source-entry";
import { dec, incomeLines, type IncomeSource } from "./split-income";
import type { Db } from "@/server/db";
import type { DraftEntryInput, EntryLineInput } from "../write-entry";

/** Posts the entries of invoices issued since the last run (up to `run.limit`). */
export async function postSwitchboardInvoices(run: SourceRun): Promise<void> {
  const ids = await run.db.$queryRaw<{ id: string }[]>`
    SELECT i."id" FROM "BillingInvoice" i
     WHERE i."issuedAt" IS NOT NULL AND i."status" <> 'draft'
       AND upper(i."currency") = ${run.currency}
       AND NOT (i."subtotal" = 0 AND i."taxAmount" = 0 AND i."total" = 0)
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.invoice} AND e."sourceId" = i."id")
     ORDER BY i."issuedAt", i."id"
     LIMIT ${run.limit}`;
  for (const { id } of ids) await bookDocument(run, SOURCE_KINDS.invoice, id, () => invoiceEntry(run, id));
}

/** The invoice's sold lines (not carried balances) by id, each with the metric and plan names the family rules may match. */
export async function soldLineSources(db: Db, invoiceId: string): Promise<Map<string, IncomeSource>> {
  const invoice = await db.billingInvoice.findUniqueOrThrow({
    where: { id: invoiceId },
    select: { lines: { orderBy: { position: "asc" } }, subscription: { select: { plan: { select: { name: true, code: true } } } } },
  });
  const metricIds = invoice.lines.map((l) => l.metricId).filter((m): m is string => Boolean(m));
  const metrics = new Map((await db.billingMetric.findMany({ where: { id: { in: metricIds } }, select: { id: true, name: true, code: true } })).map((m) => [m.id, m]));
  const plan = invoice.subscription?.plan;
  const sold = invoice.lines.filter((l) => l.kind !== "carried_balance");
  return new Map(
    sold.map((l) => {
      const metric = l.metricId ? metrics.get(l.metricId) : undefined;
      return [l.id, { description: l.description, amount: dec(l.amount), alsoKnownAs: [metric?.name, metric?.code, plan?.name, plan?.code] }];
    }),
  );
}

async function invoiceEntry(run: SourceRun, id: string): Promise<DraftEntryInput> {
  const invoice = await run.db.billingInvoice.findUniqueOrThrow({ where: { id }, include: { customer: { select: { name: true } } } });
  const carried = dec(invoice.total).minus(dec(invoice.subtotal)).minus(dec(invoice.taxAmount));
  const number = invoice.number ?? invoice.id;
  const income = incomeLines(dec(invoice.subtotal), [...(await soldLineSources(run.db, id)).values()], run.rules, invoice.currency, -1);
  const lines: EntryLineInput[] = [
    { account: "receivables", description: `Invoice ${number}`, amount: dec(invoice.total) },
    ...income,
    { account: "tax", description: `Tax ${dec(invoice.taxRatePercent).toString()}%`, amount: dec(invoice.taxAmount).negated() },
    { account: "receivables", description: `Balances carried into invoice ${number}`, amount: carried.negated() },
  ];
  return {
    journal: "SALES",
    date: invoice.issuedAt!,
    ref: number,
    partner: invoice.customer.name,
    customerId: invoice.customerId,
    currency: invoice.currency.toUpperCase(),
    sourceKind: SOURCE_KINDS.invoice,
    sourceId: invoice.id,
    lines,
  };
}

/**
 * Reverses what is left of voided invoices' posted entries. Credit notes
 * already took part of the invoice back, so the reversal is the negation of the
 * invoice's lines plus the credit notes' (netted per account and family). An invoice
 * voided because credit notes covered it in full has nothing left to reverse.
 */
export async function postSwitchboardVoids(run: SourceRun): Promise<void> {
  const ids = await run.db.$queryRaw<{ id: string }[]>`
    SELECT i."id" FROM "BillingInvoice" i
     WHERE i."status" = 'void' AND i."amountCredited" < i."total"
       AND EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.invoice} AND e."sourceId" = i."id" AND e."state" = 'posted')
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.invoiceVoid} AND e."sourceId" = i."id")
     ORDER BY i."voidedAt", i."id"
     LIMIT ${run.limit}`;
  for (const { id } of ids) await bookDocument(run, SOURCE_KINDS.invoiceVoid, id, () => voidEntry(run, id));
}

async function voidEntry(run: SourceRun, id: string): Promise<DraftEntryInput | string | null> {
  const invoice = await run.db.billingInvoice.findUniqueOrThrow({
    where: { id },
    select: { id: true, number: true, currency: true, voidedAt: true, updatedAt: true, customerId: true, customer: { select: { name: true } }, creditNotes: { select: { id: true } } },
  });
  const noteIds = invoice.creditNotes.map((n) => n.id);
  const postedNotes = await run.db.ledgerEntry.count({ where: { sourceKind: SOURCE_KINDS.creditNote, sourceId: { in: noteIds }, state: "posted" } });
  if (postedNotes < noteIds.length) return "Waiting for the invoice's credit notes to post first";
  // What stands in the ledger is the sale plus its credit notes; the reversal takes exactly that out.
  const standing = [...(await postedLines(run.db, SOURCE_KINDS.invoice, [invoice.id])), ...(await postedLines(run.db, SOURCE_KINDS.creditNote, noteIds))];
  const lines = netLines(standing.map((l) => ({ ...l, amount: l.amount.negated() })));
  if (lines.length === 0) return null;
  const number = invoice.number ?? invoice.id;
  return {
    journal: "SALES",
    date: invoice.voidedAt ?? invoice.updatedAt,
    ref: `VOID ${number}`,
    memo: `Reverses invoice ${number} (voided)`,
    partner: invoice.customer.name,
    customerId: invoice.customerId,
    currency: invoice.currency.toUpperCase(),
    sourceKind: SOURCE_KINDS.invoiceVoid,
    sourceId: invoice.id,
    lines: lines.map((l) => ({ ...l, description: `Void: ${l.description}` })),
  };
}
