/**
 * Ingesting the legacy sample database's invoices as drafts: one line per
 * item in its family's account, tax to the cent, idempotent, and a change
 * upstream of a posted entry recorded for review instead of applied.
 */
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createLegacySample } from "@/server/legacy-billing/source/create-legacy-sample";
import { openLegacySource, type LegacySource } from "@/server/legacy-billing/source/open-legacy-source";
import { createEmptyDatabase } from "@/server/testing/databases";
import { ingestLegacyInvoices, LEGACY_INVOICE_SOURCE } from "./ingest-legacy-invoices";
import type { LegacyInvoice } from "./legacy-invoice";
import { postEntries } from "./post-entries";
import { readLegacyInvoices } from "./read-legacy-invoices";

let source: LegacySource;
let invoices: LegacyInvoice[];

beforeAll(async () => {
  const url = await createEmptyDatabase("legacy");
  await createLegacySample(url);
  source = await openLegacySource(url);
  invoices = await readLegacyInvoices(source);
});
afterAll(() => source?.close());

const sum = (values: { toString(): string }[]) => values.reduce<Decimal>((s, v) => s.plus(v.toString()), new Decimal(0));

const ledgerRowCounts = () =>
  Promise.all([db.ledgerEntry.count(), db.ledgerLine.count(), db.ledgerSourceInvoice.count(), db.ledgerReviewItem.count(), db.ledgerSettings.findUnique({ where: { id: "ledger" } }).then((s) => s?.lastIngestAt ?? null)]);

describe("ingesting the legacy sample", () => {
  it("dry run: reports what a first ingest would create, per family with totals, unmatched lines and tax mismatches, and writes nothing", async () => {
    const before = await ledgerRowCounts();
    const odd: LegacyInvoice = { ...invoices.find((i) => !new Decimal(i.total).isZero())!, id: "dry-odd", tax: "0.01", total: "0.01" };
    const dry = await ingestLegacyInvoices(db, [...invoices, odd], { dryRun: true });
    expect(await ledgerRowCounts()).toEqual(before);
    expect(before.slice(0, 4)).toEqual([0, 0, 0, 0]);

    const nonZero = invoices.filter((i) => !new Decimal(i.total).isZero());
    expect(dry.dryRun).toBe(true);
    expect(dry.counts).toMatchObject({ created: nonZero.length + 1, updated: 0, unchanged: 0, skipped_zero: invoices.length - nonZero.length, failed: 0 });
    const itemTotal = (pred: (d: string) => boolean) => sum(invoices.flatMap((i) => i.items.filter((x) => pred(x.description)).map((x) => x.amount)));
    expect(dry.byFamily.hosting.total).toBe(new Decimal(itemTotal((d) => /hosting/i.test(d))).plus(odd.items.filter((x) => /hosting/i.test(x.description)).reduce((s, x) => s.plus(x.amount), new Decimal(0))).toFixed(2));
    // The sample's plan names and CPU overage match no default rule: they show as unmatched, booked to Other.
    expect(dry.unmatchedCount).toBeGreaterThan(0);
    expect(dry.unmatched.some((l) => /CPU overage/.test(l.description))).toBe(true);
    expect(dry.unmatchedCount).toBe(dry.byFamily.other.lines);
    expect(dry.taxMismatchCount).toBe(1);
    expect(dry.taxMismatches[0]).toMatchObject({ ref: odd.number, tax: "0.01" });
  });

  it("creates one balanced draft per non-zero invoice, one income line per item, tax equal to the source's", async () => {
    const summary = await ingestLegacyInvoices(db, invoices);
    const nonZero = invoices.filter((i) => !new Decimal(i.total).isZero());
    expect(summary.counts).toMatchObject({ created: nonZero.length, skipped_zero: invoices.length - nonZero.length, failed: 0 });
    expect(nonZero.length).toBeGreaterThan(10);

    for (const invoice of nonZero) {
      const entry = await db.ledgerEntry.findUniqueOrThrow({
        where: { sourceKind_sourceId: { sourceKind: LEGACY_INVOICE_SOURCE, sourceId: invoice.id } },
        include: { lines: { include: { account: true } } },
      });
      expect(entry.state).toBe("draft");
      const income = entry.lines.filter((l) => l.account.type === "income");
      expect(income).toHaveLength(invoice.items.length);
      expect(sum(entry.lines.map((l) => l.debit)).toFixed(2)).toBe(sum(entry.lines.map((l) => l.credit)).toFixed(2));
      const tax = entry.lines.filter((l) => l.account.key === "tax");
      expect(sum(tax.map((l) => l.credit)).toFixed(2)).toBe(new Decimal(invoice.tax).toFixed(2));
      const ar = entry.lines.find((l) => l.account.key === "receivables")!;
      expect(ar.debit.toFixed(2)).toBe(new Decimal(invoice.total).toFixed(2));
    }
    // The sample's 13 % and 0 % invoices compute their tax exactly: nothing flagged.
    expect(await db.ledgerSourceInvoice.count({ where: { taxMismatch: true } })).toBe(0);
    const proration = await db.ledgerLine.findFirst({ where: { description: { startsWith: "Remaining time on" } } });
    expect(proration?.family).not.toBeNull();
  });

  it("is idempotent on the legacy invoice id, and a dry run after a real one says nothing would change", async () => {
    const [entries, lines] = [await db.ledgerEntry.count(), await db.ledgerLine.count()];
    const dry = await ingestLegacyInvoices(db, invoices, { dryRun: true });
    expect(dry.counts).toMatchObject({ created: 0, updated: 0, review: 0, failed: 0 });
    const again = await ingestLegacyInvoices(db, invoices);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(again.counts.unchanged + again.counts.skipped_zero).toBe(invoices.length);
    expect([await db.ledgerEntry.count(), await db.ledgerLine.count()]).toEqual([entries, lines]);
  });

  it("flags a tax that is a cent off the configured rate, and an unmatched line as Other", async () => {
    const odd: LegacyInvoice = {
      id: "odd-1", processorId: "in_odd", number: "ODD-1", partner: "Odd Co", currency: "CAD",
      subtotal: "214.50", tax: "27.90", total: "242.40", legacyDate: new Date("2026-09-01"), legacyStatus: "paid",
      items: [
        { description: "Odoo ERP Hosting", quantity: "1", unitPrice: "200.00", amount: "200.00" },
        { description: "Mystery consulting", quantity: "1", unitPrice: "14.50", amount: "14.50" },
      ],
    };
    const summary = await ingestLegacyInvoices(db, [odd]);
    expect(summary.counts.created).toBe(1);
    const row = await db.ledgerSourceInvoice.findUniqueOrThrow({ where: { legacyId: "odd-1" } });
    expect([row.taxMismatch, row.unmatchedLines, row.taxRatePercent?.toString()]).toEqual([true, 1, "13"]);
    const other = await db.ledgerLine.findFirstOrThrow({ where: { description: "Mystery consulting" }, include: { account: true } });
    expect([other.family, other.unmatched, other.account.key, other.credit.toFixed(2)]).toEqual(["other", true, "income:other", "14.50"]);
  });

  it("rebuilds a changed draft, but records a change to a posted entry's source for review and leaves the entry as it was", async () => {
    const base = invoices.find((i) => !new Decimal(i.total).isZero() && i.items.length === 1)!;
    const changed = { ...base, tax: new Decimal(base.tax).plus("1").toFixed(2), total: new Decimal(base.total).plus("1").toFixed(2) };
    expect((await ingestLegacyInvoices(db, [changed])).counts.updated).toBe(1);
    const draft = await db.ledgerEntry.findUniqueOrThrow({ where: { sourceKind_sourceId: { sourceKind: LEGACY_INVOICE_SOURCE, sourceId: base.id } }, include: { lines: true } });
    expect(sum(draft.lines.map((l) => l.debit)).toFixed(2)).toBe(changed.total);

    expect((await postEntries(db, [draft.id]))[0]!.status).toBe("posted");
    const preview = await ingestLegacyInvoices(db, [base], { dryRun: true });
    expect([preview.counts.review, await db.ledgerReviewItem.count()]).toEqual([1, 0]);
    const reverted = await ingestLegacyInvoices(db, [base]);
    const twice = await ingestLegacyInvoices(db, [base]);
    expect([reverted.counts.review, twice.counts.review]).toEqual([1, 0]);
    const after = await db.ledgerEntry.findUniqueOrThrow({ where: { id: draft.id }, include: { lines: true } });
    expect(sum(after.lines.map((l) => l.debit)).toFixed(2)).toBe(changed.total);
    const review = await db.ledgerReviewItem.findMany({ where: { entryId: draft.id } });
    expect(review).toHaveLength(1);
    expect(review[0]!.reason).toMatch(/Changed upstream after posting: .*tax/);
  });
});
