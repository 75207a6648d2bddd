/**
 * Ingests legacy invoices as DRAFT entries (Dr receivables; Cr one income line
 * per item in its family's account; Cr tax payable), idempotent on the legacy
 * invoice id. A draft is rebuilt when its source changed; a posted entry is
 * never touched: the change becomes a review item.
 */
import crypto from "node:crypto";
import { Decimal } from "decimal.js";
import type { Db, DbOrTx } from "@/server/db";
import type { LedgerFamily, LedgerSourceInvoice } from "@/server/generated/prisma/client";
import { ensureLedgerSetup } from "./chart-of-accounts";
import { classifyFamily, type FamilyRule } from "./classify-family";
import { deriveTax } from "./derive-tax";
import type { LegacyInvoice } from "./legacy-invoice";
import { snapshotOf } from "./review/review-snapshot";
import { withLedgerRules } from "./ledger-errors";
import { rewriteDraftEntry, writeDraftEntry, type DraftEntryInput, type EntryLineInput } from "./write-entry";

export const LEGACY_INVOICE_SOURCE = "legacy-invoice";

export type IngestOutcome = "created" | "updated" | "unchanged" | "review" | "skipped_zero" | "failed";

export interface IngestSummary {
  /** True when nothing was written: the counts say what a real run would do. */
  dryRun: boolean;
  counts: Record<IngestOutcome, number>;
  /** Per family: income lines and their pre-tax total (decimal strings) over every invoice read. */
  byFamily: Record<LedgerFamily, { lines: number; total: string }>;
  /** Lines no rule matched (booked to Other); the list stops at 200, the count does not. */
  unmatchedCount: number;
  unmatched: { ref: string; description: string; amount: string }[];
  /** Invoices whose tax is not the mapped rate × subtotal to the cent. */
  taxMismatchCount: number;
  taxMismatches: { ref: string; subtotal: string; tax: string; computedTax: string; ratePercent: string }[];
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
  computedTax: Decimal;
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
    computedTax: tax.computedTax,
    taxMismatch: tax.mismatch,
    unmatchedLines: items.filter((i) => !i.match.matched).length,
  };
}

interface Plan {
  outcome: IngestOutcome;
  fingerprint: string;
  booking: Booking;
  zero: boolean;
  existing: LedgerSourceInvoice | null;
  /** The existing entry, when there is one still in the database. */
  entryState: "draft" | "posted" | null;
}

/** What ingesting `invoice` would do, reading only: the dry run stops here, the real run applies it. */
async function planOne(tx: DbOrTx, invoice: LegacyInvoice, rules: FamilyRule[], taxPercents: Decimal[]): Promise<Plan> {
  const fingerprint = fingerprintOf(invoice);
  const existing = await tx.ledgerSourceInvoice.findUnique({ where: { legacyId: invoice.id } });
  const entry = existing?.entryId ? await tx.ledgerEntry.findUnique({ where: { id: existing.entryId }, select: { state: true } }) : null;
  const zero = new Decimal(invoice.total).isZero() && invoice.items.every((i) => new Decimal(i.amount).isZero());
  const plan = { fingerprint, booking: bookingOf(invoice, rules, taxPercents), zero, existing, entryState: entry?.state ?? null };
  if (existing && existing.fingerprint === fingerprint) return { ...plan, outcome: "unchanged" };
  if (existing && entry?.state === "posted") {
    // The same upstream change seen again is already on the review list.
    const known = await tx.ledgerReviewItem.count({ where: { sourceInvoiceId: existing.id, fingerprint } });
    return { ...plan, outcome: known ? "unchanged" : "review" };
  }
  return { ...plan, outcome: zero ? "skipped_zero" : existing ? "updated" : "created" };
}

async function applyPlan(tx: DbOrTx, invoice: LegacyInvoice, plan: Plan): Promise<IngestOutcome> {
  const { existing, booking, zero, fingerprint } = plan;
  if (plan.outcome === "unchanged") return "unchanged";
  if (plan.outcome === "review") {
    const created = await tx.ledgerReviewItem.createMany({
      data: [{ sourceInvoiceId: existing!.id, entryId: existing!.entryId!, fingerprint, reason: describeChange(existing!, invoice), sourceNow: snapshotOf(invoice) }],
      skipDuplicates: true,
    });
    return created.count === 1 ? "review" : "unchanged";
  }
  let entryId: string | null = null;
  if (!zero) {
    if (existing?.entryId && plan.entryState) {
      await rewriteDraftEntry(tx, existing.entryId, booking.entry);
    } else {
      await writeDraftEntry(tx, booking.entry);
    }
    entryId = (await tx.ledgerEntry.findUniqueOrThrow({ where: { sourceKind_sourceId: { sourceKind: LEGACY_INVOICE_SOURCE, sourceId: invoice.id } } })).id;
  } else if (existing?.entryId && plan.entryState) {
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
    // A changed draft is verified afresh, so an earlier total mismatch and its acceptance no longer apply.
    processorTotal: null,
    mismatchAccepted: null,
    mismatchNote: null,
    mismatchById: null,
    mismatchAt: null,
    // A $0 invoice books nothing; anything else must be verified (again, if it changed).
    ...(zero
      ? { verification: "skipped" as const, verifyReason: "$0 invoice: nothing to post" }
      : { verification: "pending" as const, verifyReason: null, verifiedAt: null }),
  };
  await tx.ledgerSourceInvoice.upsert({ where: { legacyId: invoice.id }, update: data, create: { legacyId: invoice.id, ...data } });
  return plan.outcome;
}

function describeChange(before: { subtotal: { toString(): string }; tax: { toString(): string }; total: { toString(): string } }, after: LegacyInvoice): string {
  const parts: string[] = [];
  if (!new Decimal(before.subtotal.toString()).equals(after.subtotal)) parts.push(`subtotal ${before.subtotal.toString()} → ${after.subtotal}`);
  if (!new Decimal(before.tax.toString()).equals(after.tax)) parts.push(`tax ${before.tax.toString()} → ${after.tax}`);
  if (!new Decimal(before.total.toString()).equals(after.total)) parts.push(`total ${before.total.toString()} → ${after.total}`);
  return `Changed upstream after posting${parts.length ? `: ${parts.join(", ")}` : " (lines or references)"}; not applied`;
}

/** The ledger's current family rules and active (not retired) tax rates. */
export async function ingestRules(db: DbOrTx): Promise<{ rules: FamilyRule[]; taxPercents: Decimal[] }> {
  const [ruleRows, rateRows] = await Promise.all([
    db.ledgerFamilyRule.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    db.ledgerTaxRate.findMany({ where: { retiredAt: null } }),
  ]);
  return { rules: ruleRows.map((r) => ({ keyword: r.keyword, family: r.family })), taxPercents: rateRows.map((r) => new Decimal(r.percent.toString())) };
}

const LIST_LIMIT = 200;

function emptySummary(dryRun: boolean): IngestSummary {
  const family = () => ({ lines: 0, total: "0.00" });
  return {
    dryRun,
    counts: { created: 0, updated: 0, unchanged: 0, review: 0, skipped_zero: 0, failed: 0 },
    byFamily: { hosting: family(), managed: family(), addons: family(), other: family() },
    unmatchedCount: 0,
    unmatched: [],
    taxMismatchCount: 0,
    taxMismatches: [],
    failures: [],
  };
}

function tally(summary: IngestSummary, invoice: LegacyInvoice, booking: Booking): void {
  const ref = invoice.number ?? invoice.id;
  for (const line of booking.entry.lines) {
    if (!line.family) continue;
    const bucket = summary.byFamily[line.family];
    bucket.lines++;
    bucket.total = new Decimal(bucket.total).minus(line.amount).toFixed(2);
    if (line.unmatched) {
      summary.unmatchedCount++;
      if (summary.unmatched.length < LIST_LIMIT) summary.unmatched.push({ ref, description: line.description, amount: line.amount.negated().toFixed(2) });
    }
  }
  if (booking.taxMismatch) {
    summary.taxMismatchCount++;
    if (summary.taxMismatches.length < LIST_LIMIT) {
      summary.taxMismatches.push({ ref, subtotal: invoice.subtotal, tax: invoice.tax, computedTax: booking.computedTax.toFixed(2), ratePercent: booking.taxRatePercent.toString() });
    }
  }
}

/**
 * Ingests `invoices`, one transaction each, so one bad invoice never stops or
 * half-writes the rest. With `dryRun` it only reads: the summary says what
 * would be created, updated, sent to review and flagged, and nothing is written.
 */
export async function ingestLegacyInvoices(db: Db, invoices: readonly LegacyInvoice[], options: { dryRun?: boolean; now?: Date } = {}): Promise<IngestSummary> {
  const dryRun = options.dryRun ?? false;
  // The skeleton (accounts, journals, default rules and rates) is configuration every ledger page creates on first view, not ledger data.
  await ensureLedgerSetup(db);
  const { rules, taxPercents } = await ingestRules(db);
  const summary = emptySummary(dryRun);
  for (const invoice of invoices) {
    try {
      const booking = dryRun
        ? await planOne(db, invoice, rules, taxPercents).then((plan) => {
            summary.counts[plan.outcome]++;
            return plan.booking;
          })
        : await withLedgerRules(() =>
            db.$transaction(async (tx) => {
              const plan = await planOne(tx, invoice, rules, taxPercents);
              summary.counts[await applyPlan(tx, invoice, plan)]++;
              return plan.booking;
            }),
          );
      tally(summary, invoice, booking);
    } catch (error) {
      summary.counts.failed++;
      summary.failures.push({ legacyId: invoice.id, message: error instanceof Error && error.name === "RequestError" ? error.message : "The invoice could not be stored (invalid amounts?)" });
    }
  }
  if (!dryRun) await db.ledgerSettings.update({ where: { id: "ledger" }, data: { lastIngestAt: options.now ?? new Date() } });
  return summary;
}
