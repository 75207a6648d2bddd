/**
 * Switchboard's credit notes in the ledger: Dr income (split over the credited
 * invoice lines' families: the note's own items when it names lines, else the
 * invoice's lines in proportion), Dr tax payable, Cr receivables (total).
 * The part refunded to the card is the payment's refund entry, not this one.
 */
import { Decimal } from "decimal.js";
import { z } from "zod";
import { SOURCE_KINDS, bookDocument, type SourceRun } from "./post-source-entry";
import { dec, incomeLines, type IncomeSource } from "./split-income";
import { soldLineSources } from "./switchboard-invoices";
import type { DraftEntryInput } from "../write-entry";

const noteItems = z.array(z.object({ lineId: z.string(), amount: z.string() }));

/** Posts credit notes not yet in the ledger. */
export async function postSwitchboardCreditNotes(run: SourceRun): Promise<void> {
  const ids = await run.db.$queryRaw<{ id: string }[]>`
    SELECT n."id" FROM "BillingCreditNote" n JOIN "BillingInvoice" i ON i."id" = n."invoiceId"
     WHERE upper(i."currency") = ${run.currency}
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."sourceKind" = ${SOURCE_KINDS.creditNote} AND e."sourceId" = n."id")
     ORDER BY n."createdAt", n."id"
     LIMIT ${run.limit}`;
  for (const { id } of ids) await bookDocument(run, SOURCE_KINDS.creditNote, id, () => creditNoteEntry(run, id));
}

async function creditNoteEntry(run: SourceRun, id: string): Promise<DraftEntryInput | string> {
  const note = await run.db.billingCreditNote.findUniqueOrThrow({
    where: { id },
    include: { invoice: { select: { id: true, number: true, currency: true, customerId: true, customer: { select: { name: true } } } } },
  });
  const invoice = note.invoice;
  // The note reverses a sale: book it only once the sale itself is in the ledger (it may still wait behind the run's limit).
  const sale = await run.db.ledgerEntry.findUnique({ where: { sourceKind_sourceId: { sourceKind: SOURCE_KINDS.invoice, sourceId: invoice.id } }, select: { id: true } });
  if (!sale) return "Waiting for its invoice to post first";
  const sold = await soldLineSources(run.db, invoice.id);
  const items = noteItems.safeParse(note.items);
  const sources: IncomeSource[] =
    items.success && items.data.length > 0
      ? items.data.flatMap((item) => {
          const line = sold.get(item.lineId);
          return line ? [{ ...line, amount: new Decimal(item.amount) }] : [];
        })
      : [...sold.values()];
  const number = invoice.number ?? invoice.id;
  return {
    journal: "CREDIT",
    date: note.createdAt,
    ref: note.number,
    memo: `Credit note on invoice ${number}: ${note.reason}`,
    partner: invoice.customer.name,
    customerId: invoice.customerId,
    currency: invoice.currency.toUpperCase(),
    sourceKind: SOURCE_KINDS.creditNote,
    sourceId: note.id,
    lines: [
      ...incomeLines(dec(note.subtotal), sources, run.rules, invoice.currency, 1).map((l) => ({ ...l, description: `Credited: ${l.description}` })),
      { account: "tax", description: `Tax credited on ${note.number}`, amount: dec(note.taxAmount) },
      { account: "receivables", description: `Credit note ${note.number}`, amount: dec(note.total).negated() },
    ],
  };
}
