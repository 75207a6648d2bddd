/**
 * Verification before posting: each pending or waiting legacy invoice is
 * looked up at its source of truth by its id's prefix (`in_…` → Stripe,
 * `lago:…` → Lago). The source decides the entry's date, whether it is void or
 * still a draft (skipped, its draft removed), and whether it was paid: only
 * then is a payment entry drafted (Dr processor clearing, Cr receivables).
 * An invoice the source cannot answer for waits, with the reason, and is
 * retried by the next run.
 */
import { Decimal } from "decimal.js";
import type { Db, DbOrTx } from "@/server/db";
import type { LedgerSourceInvoice } from "@/server/generated/prisma/client";
import { ensureLedgerSetup } from "./chart-of-accounts";
import { withLedgerRules } from "./ledger-errors";
import type { InvoiceSource, SourceFacts, VerifyResult } from "./verify/source-facts";
import { writeDraftEntry } from "./write-entry";

export const LEGACY_PAYMENT_SOURCE = "legacy-payment";

export interface InvoiceSources {
  stripe: InvoiceSource;
  lago: InvoiceSource;
}

export interface VerifySummary {
  verified: number;
  skipped: number;
  waiting: number;
}

/** The reason a verified invoice is held back: both totals, in the words the review list shows. */
export function mismatchReason(processor: string, processorTotal: { toFixed(dp: number): string }, legacyTotal: { toFixed(dp: number): string }): string {
  return `${processor} says ${processorTotal.toFixed(2)}, legacy says ${legacyTotal.toFixed(2)}: accept one side before posting`;
}

/** The processor's name for an id, as messages say it. */
export function processorName(processorId: string | null): string {
  return routeOf(processorId) === "lago" ? "Lago" : "Stripe";
}

/** The source an id belongs to; null = no processor id, nothing can confirm it. */
export function routeOf(processorId: string | null): "stripe" | "lago" | null {
  if (processorId?.startsWith("in_")) return "stripe";
  if (processorId?.startsWith("lago:")) return "lago";
  return null;
}

async function lookUp(invoice: LedgerSourceInvoice, sources: InvoiceSources): Promise<VerifyResult> {
  const route = routeOf(invoice.processorId);
  if (!route) return { ok: false, reason: invoice.processorId ? `Unknown processor id "${invoice.processorId}"` : "No Stripe or Lago id: cannot be verified" };
  try {
    return await sources[route](invoice.processorId!, invoice.currency);
  } catch {
    return { ok: false, reason: `${route === "stripe" ? "Stripe" : "Lago"} could not be asked; will retry` };
  }
}

async function removeDrafts(tx: DbOrTx, invoice: LedgerSourceInvoice): Promise<void> {
  const ids = [invoice.entryId, invoice.paymentEntryId].filter((id): id is string => Boolean(id));
  if (ids.length) await tx.ledgerEntry.deleteMany({ where: { id: { in: ids }, state: "draft" } });
}

async function applyFacts(tx: DbOrTx, invoice: LedgerSourceInvoice, source: "stripe" | "lago", facts: SourceFacts, now: Date): Promise<"verified" | "skipped"> {
  const name = source === "stripe" ? "Stripe" : "Lago";
  if (facts.state !== "final") {
    await removeDrafts(tx, invoice);
    await tx.ledgerSourceInvoice.update({
      where: { id: invoice.id },
      data: { verification: "skipped", verifyReason: facts.state === "void" ? `Void at ${name}` : `Still a draft at ${name}`, verifiedAt: now, entryId: null, paymentEntryId: null },
    });
    return "skipped";
  }
  if (invoice.entryId) await tx.ledgerEntry.update({ where: { id: invoice.entryId }, data: { date: facts.invoiceDate } });
  let paymentEntryId = invoice.paymentEntryId;
  if (facts.paid && facts.amountPaid.greaterThan(0) && !paymentEntryId) {
    paymentEntryId = await writeDraftEntry(tx, {
      journal: "PROC",
      date: facts.paidAt ?? facts.invoiceDate,
      ref: `Payment ${invoice.number ?? invoice.legacyId}`,
      memo: invoice.processorId,
      partner: invoice.partner,
      currency: invoice.currency,
      sourceKind: LEGACY_PAYMENT_SOURCE,
      sourceId: invoice.legacyId,
      lines: [
        { account: "clearing", description: `${name} payment`, amount: facts.amountPaid },
        { account: "receivables", description: `Invoice ${invoice.number ?? invoice.legacyId} paid`, amount: facts.amountPaid.negated() },
      ],
    });
  }
  const totalDiffers = !facts.total.equals(new Decimal(invoice.total.toString()));
  await tx.ledgerSourceInvoice.update({
    where: { id: invoice.id },
    data: {
      verification: "verified",
      // A differing total holds the invoice back from posting until an admin accepts one side (accept-total-mismatch.ts).
      verifyReason: totalDiffers ? mismatchReason(name, facts.total, invoice.total) : null,
      processorTotal: totalDiffers ? facts.total.toFixed(2) : null,
      verifiedAt: now,
      invoiceDate: facts.invoiceDate,
      paid: facts.paid,
      paidAt: facts.paidAt,
      amountPaid: facts.amountPaid.toFixed(2),
      paymentEntryId,
    },
  });
  return "verified";
}

/** Verifies pending and waiting invoices (or just `legacyIds`), one transaction each. */
export async function verifyLegacyInvoices(db: Db, sources: InvoiceSources, options: { legacyIds?: string[]; now?: Date } = {}): Promise<VerifySummary> {
  await ensureLedgerSetup(db);
  const now = options.now ?? new Date();
  const invoices = await db.ledgerSourceInvoice.findMany({
    where: { verification: { in: ["pending", "waiting"] }, ...(options.legacyIds ? { legacyId: { in: options.legacyIds } } : {}) },
    orderBy: { createdAt: "asc" },
  });
  const summary: VerifySummary = { verified: 0, skipped: 0, waiting: 0 };
  for (const invoice of invoices) {
    const result = await lookUp(invoice, sources);
    if (!result.ok) {
      await db.ledgerSourceInvoice.update({
        where: { id: invoice.id },
        data: { verification: "waiting", verifyReason: result.reason, verifyAttempts: { increment: 1 } },
      });
      summary.waiting++;
      continue;
    }
    summary[await withLedgerRules(() => db.$transaction((tx) => applyFacts(tx, invoice, result.source, result.facts, now)))]++;
  }
  return summary;
}
