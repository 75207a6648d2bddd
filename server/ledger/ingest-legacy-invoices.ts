/**
 * Ingests legacy invoices as DRAFT entries (Dr receivables; Cr one income line
 * per item in its family's account; Cr tax payable), idempotent on the legacy
 * invoice id. A draft is rebuilt when its source changed; a posted entry is
 * never touched: the change becomes a review item.
 */
import crypto from "node:crypto";
import { Decimal } from "decimal.js";
import type { Db, DbOrTx } from "@/server/db";
import type { LedgerFamily } from "@/server/generated/prisma/client";
import { ensureLedgerSetup } from "./chart-of-accounts";
import { classifyFamily, type FamilyRule } from "./classify-family";
import { deriveTax } from "./derive-tax";
import type { LegacyInvoice } from "./legacy-invoice";
import { withLedgerRules } from "./ledger-errors";
import { rewriteDraftEntry, writeDraftEntry, type DraftEntryInput, type EntryLineInput } from "./write-entry";

export const LEGACY_INVOICE_SOURCE = "legacy-invoice";

export type IngestOutcome = "created" | "updated" | "unchanged" | "review" | "skipped_zero" | "failed";

export interface IngestSummary {
  counts: Record<IngestOutcome, number>;
  /** Per family: lines and their pre-tax total, as decimal strings. */
  byFamily: Record<LedgerFamily, { lines: number; total: string }>;
  failures: { legacyId: string; message: string }[];
}

/** A digest of what the ledger books from an invoice: any change to it is an upstream change. */
export function fingerprintOf(invoice: LegacyInvoice): string {
  const material = [invoice.processorId, invoice.number, invoice.currency, invoice.subtotal, invoice.tax, invoice.total,
    ...invoice.items.map((i) => [i.description, i.quantity, i.unitPrice, i.amount].join("|"))];
  return crypto.createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

interface Booking {
  entry: DraftEntryInput;
  taxRatePercent: Decimal;
  taxMismatch: boolean;
  unmatchedLines: number;
}

/** The draft entry an invoice books to, with its tax and family findings. */
export function bookingOf(invoice: LegacyInvoice, rules: readonly FamilyRule[], taxPercents: readonly Decimal[]): Booking {
  const items = invoice.items.map((item) => ({ item, amount: new Decimal(item.amount), match: classifyFamily(item.description, rules) }));
  const itemsTotal = items.reduce((sum, i) => sum.plus(i.amount), new Decimal(0));
  const sourceTax = new Decimal(invoice.tax);
  const tax = deriveTax(new Decimal(invoice.subtotal), sourceTax, taxPercents);
  const income: EntryLineInput[] = items.map(({ item, amount, match }) => ({
    account: `income:${match.family}`,
    description: item.description,
    amount: amount.negated(),
    family: match.family,
    unmatched: !match.matched,
  }));
  const lines: EntryLineInput[] = [
    { account: "receivables", description: `Invoice ${invoice.number ?? invoice.id}`, amount: itemsTotal.plus(sourceTax) },
    ...income,
    ...(sourceTax.isZero() ? [] : [{ account: "tax" as const, description: `Tax ${tax.ratePercent.toString()}%`, amount: sourceTax.negated() }]),
  ];
  return {
    entry: {
      journal: "SALES",
      date: invoice.legacyDate,
      ref: invoice.number ?? invoice.id,
      memo: invoice.processorId,
      partner: invoice.partner,
      currency: invoice.currency,
      sourceKind: LEGACY_INVOICE_SOURCE,
      sourceId: invoice.id,
      lines,
    },
    taxRatePercent: tax.ratePercent,
    taxMismatch: tax.mismatch,
    unmatchedLines: items.filter((i) => !i.match.matched).length,
  };
}

async function ingestOne(tx: DbOrTx, invoice: LegacyInvoice, rules: FamilyRule[], taxPercents: Decimal[]): Promise<IngestOutcome> {
  const fingerprint = fingerprintOf(invoice);
  const existing = await tx.ledgerSourceInvoice.findUnique({ where: { legacyId: invoice.id } });
  const entry = existing?.entryId ? await tx.ledgerEntry.findUnique({ where: { id: existing.entryId }, select: { state: true } }) : null;
  if (existing && existing.fingerprint === fingerprint) return "unchanged";
  if (existing && entry?.state === "posted") {
    // The same upstream change seen again is already on the review list.
    const created = await tx.ledgerReviewItem.createMany({
      data: [{ sourceInvoiceId: existing.id, entryId: existing.entryId!, fingerprint, reason: describeChange(existing, invoice) }],
      skipDuplicates: true,
    });
    return created.count === 1 ? "review" : "unchanged";
  }
  const zero = new Decimal(invoice.total).isZero() && invoice.items.every((i) => new Decimal(i.amount).isZero());
  const booking = bookingOf(invoice, rules, taxPercents);
  let entryId: string | null = null;
  if (!zero) {
    if (existing?.entryId && entry) {
      await rewriteDraftEntry(tx, existing.entryId, booking.entry);
    } else {
      await writeDraftEntry(tx, booking.entry);
    }
    entryId = (await tx.ledgerEntry.findUniqueOrThrow({ where: { sourceKind_sourceId: { sourceKind: LEGACY_INVOICE_SOURCE, sourceId: invoice.id } } })).id;
  } else if (existing?.entryId && entry) {
    await tx.ledgerEntry.delete({ where: { id: existing.entryId } });
  }
  const data = {
    processorId: invoice.processorId,
    number: invoice.number,
    partner: invoice.partner,
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    taxRatePercent: booking.taxRatePercent.toString(),
    taxMismatch: booking.taxMismatch,
    unmatchedLines: booking.unmatchedLines,
    fingerprint,
    entryId,
    // A $0 invoice books nothing; anything else must be verified (again, if it changed).
    ...(zero
      ? { verification: "skipped" as const, verifyReason: "$0 invoice: nothing to post" }
      : { verification: "pending" as const, verifyReason: null, verifiedAt: null }),
  };
  await tx.ledgerSourceInvoice.upsert({ where: { legacyId: invoice.id }, update: data, create: { legacyId: invoice.id, ...data } });
  if (zero) return "skipped_zero";
  return existing ? "updated" : "created";
}

function describeChange(before: { subtotal: { toString(): string }; tax: { toString(): string }; total: { toString(): string } }, after: LegacyInvoice): string {
  const parts: string[] = [];
  if (!new Decimal(before.subtotal.toString()).equals(after.subtotal)) parts.push(`subtotal ${before.subtotal.toString()} → ${after.subtotal}`);
  if (!new Decimal(before.tax.toString()).equals(after.tax)) parts.push(`tax ${before.tax.toString()} → ${after.tax}`);
  if (!new Decimal(before.total.toString()).equals(after.total)) parts.push(`total ${before.total.toString()} → ${after.total}`);
  return `Changed upstream after posting${parts.length ? `: ${parts.join(", ")}` : " (lines or references)"}; not applied`;
}

/** Ingests `invoices`, one transaction each, so one bad invoice never stops or half-writes the rest. */
export async function ingestLegacyInvoices(db: Db, invoices: readonly LegacyInvoice[], now = new Date()): Promise<IngestSummary> {
  await ensureLedgerSetup(db);
  const [ruleRows, rateRows] = await Promise.all([
    db.ledgerFamilyRule.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    db.ledgerTaxRate.findMany(),
  ]);
  const rules = ruleRows.map((r) => ({ keyword: r.keyword, family: r.family }));
  const taxPercents = rateRows.map((r) => new Decimal(r.percent.toString()));
  const summary: IngestSummary = {
    counts: { created: 0, updated: 0, unchanged: 0, review: 0, skipped_zero: 0, failed: 0 },
    byFamily: { hosting: { lines: 0, total: "0" }, managed: { lines: 0, total: "0" }, addons: { lines: 0, total: "0" }, other: { lines: 0, total: "0" } },
    failures: [],
  };
  for (const invoice of invoices) {
    try {
      const outcome = await withLedgerRules(() => db.$transaction((tx) => ingestOne(tx, invoice, rules, taxPercents)));
      summary.counts[outcome]++;
      for (const item of invoice.items) {
        const bucket = summary.byFamily[classifyFamily(item.description, rules).family];
        bucket.lines++;
        bucket.total = new Decimal(bucket.total).plus(item.amount).toFixed(2);
      }
    } catch (error) {
      summary.counts.failed++;
      summary.failures.push({ legacyId: invoice.id, message: error instanceof Error && error.name === "RequestError" ? error.message : "The invoice could not be stored (invalid amounts?)" });
    }
  }
  await db.ledgerSettings.update({ where: { id: "ledger" }, data: { lastIngestAt: now } });
  return summary;
}
