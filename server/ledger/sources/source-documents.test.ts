/**
 * Switchboard's own invoices, payments, refunds, credit notes and voids, and
 * Ascora's invoices and payments, posted to the ledger by the real pass the
 * Inngest functions run (real PostgreSQL: the balance and immutability
 * triggers and the unique source keys are the database's own).
 */
import crypto from "node:crypto";
import { Decimal } from "decimal.js";
import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { postBillingToLedger } from "@/inngest/functions/post-billing-to-ledger";
import { syncInvoiceLedger } from "@/inngest/functions/sync-invoice-ledger";
import { createCreditNote } from "@/server/billing/credit-notes/create-credit-note";
import { voidInvoice } from "@/server/billing/invoices/invoices";
import { closeSubscriptionPeriod } from "@/server/billing/rating/close-period";
import { makeCustomer, makePlan, makeService, makeSubscription } from "@/server/billing/testing/billing-fixtures";
import { db } from "@/server/db";
import { ensureLedgerSetup } from "../chart-of-accounts";
import { addFamilyRule } from "../family-rules";
import { postEntries } from "../post-entries";
import { trialBalance } from "../reports/trial-balance";
import { writeDraftEntry } from "../write-entry";
import { postSourceDocuments } from "./post-source-documents";
import { setLedgerCurrency } from "./set-ledger-currency";
import { sourceTotals } from "./source-totals";

const uid = () => crypto.randomBytes(4).toString("hex");

interface LineSpec {
  description: string;
  amount: string;
  kind?: "base" | "usage" | "one_off" | "carried_balance";
}

/** An invoice as billing stores it once issued (or a draft), for the shapes the rating engine does not produce on demand. */
async function storedInvoice(opts: { customerId: string; currency?: string; status?: "draft" | "open"; subtotal: string; tax: string; total: string; lines: LineSpec[] }) {
  const draft = opts.status === "draft";
  return db.billingInvoice.create({
    data: {
      number: draft ? null : `INV-T-${uid()}`,
      customerId: opts.customerId,
      status: opts.status ?? "open",
      currency: opts.currency ?? "CAD",
      taxBehaviour: "exclusive",
      taxRatePercent: "13",
      subtotal: opts.subtotal,
      taxAmount: opts.tax,
      total: opts.total,
      issuedAt: draft ? null : new Date("2026-11-01T00:00:00Z"),
      lines: { create: opts.lines.map((l, position) => ({ position, kind: l.kind ?? "one_off", description: l.description, quantity: "1", amount: l.amount })) },
    },
  });
}

async function succeededPayment(invoiceId: string, amount: string, attempt = 1) {
  return db.billingPayment.create({ data: { invoiceId, attempt, amount, currency: "cad", status: "succeeded", stripeChargeId: `ch_${uid()}` } });
}

async function entryOf(sourceKind: string, sourceId: string) {
  const entry = await db.ledgerEntry.findUnique({
    where: { sourceKind_sourceId: { sourceKind, sourceId } },
    include: { journal: true, lines: { include: { account: true }, orderBy: { position: "asc" } } },
  });
  if (!entry) return null;
  return { ...entry, rows: entry.lines.map((l) => [l.account.key, l.debit.toFixed(2), l.credit.toFixed(2), l.family, l.unmatched] as const) };
}

/** A customer's balance on receivables over posted entries (debits − credits). */
async function receivablesOf(customerId: string): Promise<string> {
  const sum = await db.ledgerLine.aggregate({ where: { account: { key: "receivables" }, entry: { customerId, state: "posted" } }, _sum: { debit: true, credit: true } });
  return new Decimal(sum._sum.debit?.toString() ?? 0).minus(sum._sum.credit?.toString() ?? 0).toFixed(2);
}

beforeAll(async () => {
  await ensureLedgerSetup(db);
  await addFamilyRule(db, { keyword: "erp hosting", family: "hosting" });
});

describe("Switchboard invoices", () => {
  it("an invoice issued by the rating engine posts Dr receivables, Cr income in its plan's family, Cr tax; the customer is on the entry", async () => {
    const { service } = await makeService();
    const plan = await makePlan({ basePrice: "49.00" });
    await addFamilyRule(db, { keyword: plan.code, family: "managed" });
    const customer = await makeCustomer({ taxRatePercent: "13" });
    const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, customerId: customer.id, startAt: new Date("2026-10-01T00:00:00Z") });
    const invoiceId = (await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-11-01T00:00:00Z") })).issuedInvoiceIds[0]!;

    const summary = await postSourceDocuments(db);
    expect(summary.failed).toEqual([]);
    const entry = await entryOf("sb-invoice", invoiceId);
    expect(entry).toMatchObject({ state: "posted", currency: "CAD", customerId: customer.id, partner: customer.name, journal: { code: "SALES" } });
    expect(entry!.rows).toEqual([
      ["receivables", "55.37", "0.00", null, false],
      ["income:managed", "0.00", "49.00", "managed", false],
      ["tax", "0.00", "6.37", null, false],
    ]);
  });

  it("splits the rounded subtotal over exact line amounts to the cent, flags unmatched lines as Other, and credits carried balances to receivables", async () => {
    const customer = await makeCustomer();
    // 10.005 + 20.0025 + 5.0025 = 35.01 once rounded; shares 10.005→10.01 (rounded), 20.0025→20.00, 5.0025→5.00.
    // Total = 35.01 + 4.55 tax + 0.50 carried after tax.
    const invoice = await storedInvoice({
      customerId: customer.id,
      subtotal: "35.01",
      tax: "4.55",
      total: "40.06",
      lines: [
        { description: "Odoo ERP Hosting", amount: "10.005" },
        { description: "Daily Backup Protection", amount: "20.0025" },
        { description: "Mystery fee", amount: "5.0025" },
        { description: "Balance carried from invoice INV-1 (below the minimum charge)", amount: "0.50", kind: "carried_balance" },
      ],
    });
    await postSourceDocuments(db);
    const entry = await entryOf("sb-invoice", invoice.id);
    expect(entry!.rows).toEqual([
      ["receivables", "40.06", "0.00", null, false],
      ["income:hosting", "0.00", "10.01", "hosting", false],
      ["income:addons", "0.00", "20.00", "addons", false],
      ["income:other", "0.00", "5.00", "other", true],
      ["tax", "0.00", "4.55", null, false],
      ["receivables", "0.00", "0.50", null, false],
    ]);
  });

  it("drafts never post, and a $0 invoice posts nothing", async () => {
    const customer = await makeCustomer();
    const draft = await storedInvoice({ customerId: customer.id, status: "draft", subtotal: "10.00", tax: "1.30", total: "11.30", lines: [{ description: "Odoo ERP Hosting", amount: "10" }] });
    const zero = await storedInvoice({ customerId: customer.id, subtotal: "0", tax: "0", total: "0", lines: [{ description: "Odoo ERP Hosting", amount: "0" }] });
    await postSourceDocuments(db);
    expect(await db.ledgerEntry.count({ where: { sourceId: { in: [draft.id, zero.id] } } })).toBe(0);
  });

  it("a void after posting is a reversing entry; a credit note already posted is not reversed twice; a fully credited invoice needs none", async () => {
    const customer = await makeCustomer();
    const lines = [{ description: "Odoo ERP Hosting", amount: "100" }];
    const partly = await storedInvoice({ customerId: customer.id, subtotal: "100.00", tax: "13.00", total: "113.00", lines });
    const whole = await storedInvoice({ customerId: customer.id, subtotal: "100.00", tax: "13.00", total: "113.00", lines });
    await postSourceDocuments(db);
    const note = await createCreditNote(db, null, { invoiceId: partly.id, amount: "11.30", reason: "Outage" });
    await voidInvoice(db, null, partly.id);
    // Crediting everything on an unpaid invoice voids it (billing's rule): the credit note is the reversal.
    await createCreditNote(db, null, { invoiceId: whole.id, reason: "Cancelled" });
    expect((await db.billingInvoice.findUniqueOrThrow({ where: { id: whole.id } })).status).toBe("void");

    const summary = await postSourceDocuments(db);
    expect(summary.failed).toEqual([]);
    expect((await entryOf("sb-credit", note.id))!.rows).toEqual([
      ["income:hosting", "10.00", "0.00", "hosting", false],
      ["tax", "1.30", "0.00", null, false],
      ["receivables", "0.00", "11.30", null, false],
    ]);
    const reversal = await entryOf("sb-invoice-void", partly.id);
    expect(reversal).toMatchObject({ state: "posted", journal: { code: "SALES" } });
    expect(reversal!.rows).toEqual([
      ["receivables", "0.00", "101.70", null, false],
      ["income:hosting", "90.00", "0.00", "hosting", false],
      ["tax", "11.70", "0.00", null, false],
    ]);
    // The posted sale itself is untouched.
    expect((await entryOf("sb-invoice", partly.id))!.rows[0]).toEqual(["receivables", "113.00", "0.00", null, false]);
    expect(await entryOf("sb-invoice-void", whole.id)).toBeNull();
    expect(await receivablesOf(customer.id)).toBe("0.00");
  });
});

describe("payments and refunds", () => {
  it("a succeeded payment posts Dr clearing, Cr receivables; each refund increase posts the reverse once; failed attempts post nothing", async () => {
    const customer = await makeCustomer();
    const invoice = await storedInvoice({ customerId: customer.id, subtotal: "100.00", tax: "13.00", total: "113.00", lines: [{ description: "Odoo ERP Hosting", amount: "100" }] });
    await db.billingPayment.create({ data: { invoiceId: invoice.id, attempt: 1, amount: "113.00", currency: "cad", status: "failed", failureCode: "card_declined" } });
    const payment = await succeededPayment(invoice.id, "113.00", 2);
    await postSourceDocuments(db);
    const entry = await entryOf("sb-payment", payment.id);
    expect(entry).toMatchObject({ journal: { code: "PROC" }, customerId: customer.id });
    expect(entry!.rows).toEqual([
      ["clearing", "113.00", "0.00", null, false],
      ["receivables", "0.00", "113.00", null, false],
    ]);
    expect(await db.ledgerEntry.count({ where: { sourceKind: "sb-payment", customerId: customer.id } })).toBe(1);
    expect(await receivablesOf(customer.id)).toBe("0.00");

    // Stripe refunds 10.00, later 15.00 in all (charge.refunded carries the cumulative amount).
    await db.billingPayment.update({ where: { id: payment.id }, data: { amountRefunded: "10.00", status: "partially_refunded" } });
    await postSourceDocuments(db);
    await postSourceDocuments(db);
    await db.billingPayment.update({ where: { id: payment.id }, data: { amountRefunded: "15.00" } });
    await postSourceDocuments(db);
    const refunds = await db.ledgerEntry.findMany({ where: { sourceKind: "sb-refund", sourceId: { startsWith: `${payment.id}:` } }, include: { lines: { include: { account: true } } }, orderBy: { createdAt: "asc" } });
    expect(refunds.map((r) => r.lines.map((l) => [l.account.key, l.debit.toFixed(2), l.credit.toFixed(2)]))).toEqual([
      [["receivables", "10.00", "0.00"], ["clearing", "0.00", "10.00"]],
      [["receivables", "5.00", "0.00"], ["clearing", "0.00", "5.00"]],
    ]);
    expect(await receivablesOf(customer.id)).toBe("15.00");
  });
});

describe("Ascora invoices and payments", () => {
  it("an Ascora invoice books its adjusted amount as income split by line families; its payment goes to the bank", async () => {
    const customer = await makeCustomer();
    const connectionId = `conn_${uid()}`;
    const remoteId = crypto.randomUUID();
    const invoice = await db.externalInvoice.create({
      data: {
        connectionId,
        remoteId,
        customerId: customer.id,
        invoiceNumber: `A-${uid()}`,
        invoiceDate: new Date("2026-11-10T00:00:00Z"),
        currency: "CAD",
        amountExTax: "100.00",
        adjustedAmountExTax: "90.00",
        tax: "9.00",
        total: "99.00",
        lines: {
          create: [
            { position: 0, description: "Odoo ERP Hosting setup", quantity: "1", unitPriceExTax: "60", amountExTax: "60.00", tax: "6.00" },
            { position: 1, partNumber: "WHATSAPP-1", description: "Messaging bundle", quantity: "1", unitPriceExTax: "40", amountExTax: "40.00", tax: "4.00" },
          ],
        },
      },
    });
    const payment = await db.externalPayment.create({
      data: { connectionId, remoteId: crypto.randomUUID(), invoiceId: invoice.id, customerId: customer.id, paymentDate: new Date("2026-11-12T00:00:00Z"), amount: "50.00", method: "EFT" },
    });
    await db.externalInvoice.create({
      data: { connectionId, remoteId: crypto.randomUUID(), customerId: customer.id, invoiceNumber: `A-${uid()}`, invoiceDate: new Date("2026-11-10T00:00:00Z"), amountExTax: "10", adjustedAmountExTax: "10", tax: "1", total: "11" },
    });

    const summary = await postSourceDocuments(db);
    expect(summary.failed).toEqual([]);
    const entry = await entryOf("ascora-invoice", `${connectionId}:${remoteId}`);
    expect(entry).toMatchObject({ state: "posted", ref: invoice.invoiceNumber, customerId: customer.id, partner: customer.name });
    expect(entry!.rows).toEqual([
      ["receivables", "99.00", "0.00", null, false],
      ["income:hosting", "0.00", "54.00", "hosting", false],
      ["income:addons", "0.00", "36.00", "addons", false],
      ["tax", "0.00", "9.00", null, false],
    ]);
    const paid = await entryOf("ascora-payment", `${connectionId}:${payment.remoteId}`);
    expect(paid).toMatchObject({ journal: { code: "BANK" }, memo: "EFT" });
    expect(paid!.rows).toEqual([
      ["bank", "50.00", "0.00", null, false],
      ["receivables", "0.00", "50.00", null, false],
    ]);
    expect(await receivablesOf(customer.id)).toBe("49.00");
    // The AUD invoice (Ascora's default currency) is listed, not posted.
    expect(await db.ledgerEntry.count({ where: { sourceKind: "ascora-invoice", customerId: customer.id } })).toBe(1);
    expect(summary.otherCurrency).toBeGreaterThanOrEqual(1);
    expect(summary.skipped).toContainEqual(expect.objectContaining({ kind: "ascora-invoice", reason: expect.stringMatching(/In AUD; the ledger is kept in CAD/) }));
  });
});

describe("idempotency", () => {
  it("re-runs post nothing new, and concurrent runs post each document exactly once", async () => {
    const customer = await makeCustomer();
    const invoices = await Promise.all(
      [1, 2, 3, 4].map(() => storedInvoice({ customerId: customer.id, subtotal: "20.00", tax: "2.60", total: "22.60", lines: [{ description: "Odoo ERP Hosting", amount: "20" }] })),
    );
    const payments = await Promise.all(invoices.map((i) => succeededPayment(i.id, "22.60")));
    const ids = [...invoices, ...payments].map((d) => d.id);

    const runs = await Promise.all([postSourceDocuments(db), postSourceDocuments(db), postSourceDocuments(db)]);
    expect(runs.flatMap((r) => r.failed)).toEqual([]);
    expect(runs.reduce((n, r) => n + r.posted["sb-invoice"] + r.posted["sb-payment"], 0)).toBe(8);
    expect(await db.ledgerEntry.count({ where: { sourceId: { in: ids } } })).toBe(8);

    const again = await postSourceDocuments(db);
    expect(Object.values(again.posted).every((n) => n === 0)).toBe(true);
    expect(await db.ledgerEntry.count({ where: { sourceId: { in: ids } } })).toBe(8);
    expect(await receivablesOf(customer.id)).toBe("0.00");
  });

  it("the Inngest function reacts to billing's invoice.issued event by posting the new invoice", async () => {
    const customer = await makeCustomer();
    const invoice = await storedInvoice({ customerId: customer.id, subtotal: "5.00", tax: "0.65", total: "5.65", lines: [{ description: "Odoo ERP Hosting", amount: "5" }] });
    const { result, error } = await new InngestTestEngine({ function: postBillingToLedger }).execute({ events: [{ name: "billing/invoice.issued", data: { invoiceId: invoice.id } }] });
    expect(error).toBeFalsy();
    expect((result as { posted: Record<string, number> }).posted["sb-invoice"]).toBeGreaterThanOrEqual(1);
    expect(await entryOf("sb-invoice", invoice.id)).toMatchObject({ state: "posted" });
  });
});

describe("the daily run", () => {
  it("posts Switchboard's documents first, even when the legacy database is not configured", async () => {
    const customer = await makeCustomer();
    const invoice = await storedInvoice({ customerId: customer.id, subtotal: "7.00", tax: "0.91", total: "7.91", lines: [{ description: "Odoo ERP Hosting", amount: "7" }] });
    const { error } = await new InngestTestEngine({ function: syncInvoiceLedger }).execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "0 6 * * *" } }] });
    // No legacy database saved in this test database: that step refuses by name, after ours ran.
    expect(String((error as Error | undefined)?.message ?? error)).toMatch(/legacy|database|configured/i);
    expect(await entryOf("sb-invoice", invoice.id)).toMatchObject({ state: "posted" });
  });
});

describe("the ledger as a whole", () => {
  it("receivables of a customer = invoices − credit notes − payments, and the trial balance sums to zero with every source together", async () => {
    const customer = await makeCustomer();
    const a = await storedInvoice({ customerId: customer.id, subtotal: "200.00", tax: "26.00", total: "226.00", lines: [{ description: "Odoo ERP Hosting", amount: "200" }] });
    const b = await storedInvoice({ customerId: customer.id, subtotal: "50.00", tax: "6.50", total: "56.50", lines: [{ description: "White Label Branding", amount: "50" }] });
    await succeededPayment(a.id, "226.00");
    await createCreditNote(db, null, { invoiceId: b.id, amount: "22.60", reason: "Goodwill" });
    // A legacy invoice posted beside them.
    const legacy = await db.$transaction((tx) =>
      writeDraftEntry(tx, {
        journal: "SALES", date: new Date("2026-10-01"), ref: "NEX-1", currency: "CAD", sourceKind: "legacy-invoice", sourceId: `legacy-${uid()}`,
        lines: [
          { account: "receivables", description: "NEX-1", amount: new Decimal("33.90") },
          { account: "income:hosting", description: "WordPress Website Hosting", amount: new Decimal("-30.00"), family: "hosting" },
          { account: "tax", description: "HST", amount: new Decimal("-3.90") },
        ],
      }),
    );
    await postEntries(db, [legacy]);
    await postSourceDocuments(db);

    // 226.00 + 56.50 − 22.60 − 226.00
    expect(await receivablesOf(customer.id)).toBe("33.90");
    const tb = await trialBalance(db, new Date("2100-01-01"));
    expect(tb.totalDebit).toBe(tb.totalCredit);
    expect(tb.rows.reduce((s, r) => s.plus(r.balance), new Decimal(0)).toFixed(2)).toBe("0.00");
    const drafts = await db.ledgerEntry.count({ where: { sourceKind: { startsWith: "sb-" }, state: "draft" } });
    expect(drafts).toBe(0);

    // Per source, what the ingest summary shows beside the legacy figures: it adds up to the trial balance's receivables.
    const totals = await sourceTotals(db);
    expect(totals.map((t) => t.kind)).toEqual(["sb-invoice", "sb-invoice-void", "sb-payment", "sb-refund", "sb-credit", "ascora-invoice", "ascora-payment"]);
    expect(totals.find((t) => t.kind === "sb-credit")).toMatchObject({ label: "Switchboard credit notes", entries: expect.any(Number) });
    const legacyReceivables = new Decimal("33.90");
    const sourcesReceivables = totals.reduce((s, t) => s.plus(t.receivables), new Decimal(0));
    expect(sourcesReceivables.plus(legacyReceivables).toFixed(2)).toBe(tb.rows.find((r) => r.code === "1100")!.balance);
  });
});

describe("currencies", () => {
  it("the ledger's currency takes an ISO code, and refuses to change once entries in another currency are posted", async () => {
    await expect(setLedgerCurrency(db, "dollars")).rejects.toMatchObject({ status: 422, field: "currency", message: expect.stringMatching(/three-letter ISO 4217/) });
    await expect(setLedgerCurrency(db, "aud")).rejects.toMatchObject({ status: 409, message: "The ledger already holds posted CAD entries; its currency cannot change to AUD" });
    expect(await setLedgerCurrency(db, " cad ")).toBe("CAD");
  });

  it("a three-place ledger keeps fils exact; documents in other currencies are skipped with the reason", async () => {
    await db.ledgerSettings.update({ where: { id: "ledger" }, data: { currency: "KWD" } });
    try {
      const { service } = await makeService();
      const plan = await makePlan({ basePrice: "12.345", currency: "KWD" });
      const customer = await makeCustomer({ taxRatePercent: "5" });
      const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, customerId: customer.id, startAt: new Date("2026-10-01T00:00:00Z") });
      const invoiceId = (await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-11-01T00:00:00Z") })).issuedInvoiceIds[0]!;
      const cad = await storedInvoice({ customerId: customer.id, subtotal: "1.00", tax: "0.13", total: "1.13", lines: [{ description: "Odoo ERP Hosting", amount: "1" }] });

      const summary = await postSourceDocuments(db);
      const entry = await db.ledgerEntry.findUniqueOrThrow({ where: { sourceKind_sourceId: { sourceKind: "sb-invoice", sourceId: invoiceId } }, include: { lines: { include: { account: true }, orderBy: { position: "asc" } } } });
      expect(entry.currency).toBe("KWD");
      expect(entry.lines.map((l) => [l.account.key, l.debit.toFixed(3), l.credit.toFixed(3)])).toEqual([
        ["receivables", "12.962", "0.000"],
        ["income:other", "0.000", "12.345"],
        ["tax", "0.000", "0.617"],
      ]);
      expect(await entryOf("sb-invoice", cad.id)).toBeNull();
      expect(summary.currency).toBe("KWD");
      expect(summary.skipped).toContainEqual({ kind: "sb-invoice", id: expect.any(String), reason: expect.stringMatching(/^In CAD; the ledger is kept in KWD/) });
    } finally {
      await db.ledgerSettings.update({ where: { id: "ledger" }, data: { currency: "CAD" } });
    }
  });
});
