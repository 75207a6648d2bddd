/**
 * Verification routing against the fakes through the real clients: `in_…`
 * through the Stripe SDK to the fake Stripe, `lago:…` over HTTP to the fake
 * Lago; an unreachable or unknown source leaves the invoice waiting with the
 * reason; payments are drafted only when the source confirms them; posting
 * needs verification; the trial balance sums to zero.
 */
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLago, type FakeLago } from "@/e2e/fakes/lago/fake-lago-server";
import { seedInvoice, startFakeStripe, type FakeStripe } from "@/e2e/fakes/stripe";
import { db } from "@/server/db";
import { ingestLegacyInvoices } from "./ingest-legacy-invoices";
import type { LegacyInvoice } from "./legacy-invoice";
import { postLegacyInvoices } from "./post-legacy-invoices";
import { trialBalance } from "./reports/trial-balance";
import { lagoInvoiceSource } from "./verify/lago-invoice-source";
import { stripeInvoiceSource } from "./verify/stripe-invoice-source";
import { verifyLegacyInvoices, type InvoiceSources } from "./verify-legacy-invoices";

let stripeFake: FakeStripe;
let lagoFake: FakeLago;
let sources: InvoiceSources;

const invoice = (id: string, processorId: string | null, over: Partial<LegacyInvoice> = {}): LegacyInvoice => ({
  id, processorId, number: `N-${id}`, partner: "Acme", currency: "CAD", subtotal: "100.00", tax: "13.00", total: "113.00",
  // The legacy row's own date and status lie on purpose: the source must win.
  legacyDate: new Date("2026-11-27"), legacyStatus: "paid",
  items: [{ description: "Odoo ERP Hosting", quantity: "1", unitPrice: "100.00", amount: "100.00" }],
  ...over,
});

const day = (iso: string) => Math.floor(Date.parse(iso) / 1000);

beforeAll(async () => {
  stripeFake = await startFakeStripe();
  lagoFake = await startFakeLago();
  sources = {
    stripe: stripeInvoiceSource(new Stripe(stripeFake.secretKey, { ...stripeFake.stripeConfig, maxNetworkRetries: 0 })),
    lago: lagoInvoiceSource({ lagoApiUrl: lagoFake.url, lagoApiKey: lagoFake.apiKey, allowLoopback: true }),
  };
  seedInvoice(stripeFake.state, { id: "in_paid", total: 11300, tax: 1300, status: "paid", created: day("2026-09-01"), paidAt: day("2026-09-03") });
  seedInvoice(stripeFake.state, { id: "in_open", total: 11300, tax: 1300, status: "open", created: day("2026-09-05") });
  seedInvoice(stripeFake.state, { id: "in_void", total: 11300, tax: 1300, status: "void", created: day("2026-09-06") });
  lagoFake.seed({ lagoId: "lg-1", number: "NEX-0001", issuingDate: "2026-06-30", status: "finalized", paymentStatus: "succeeded", totalAmountCents: 11300, taxesAmountCents: 1300 });
  await ingestLegacyInvoices(db, [
    invoice("paid", "in_paid"), invoice("open", "in_open", { legacyStatus: "paid" }), invoice("void", "in_void"),
    invoice("lago", "lago:lg-1"), invoice("unknown", "in_missing"), invoice("none", null),
  ]);
});
afterAll(async () => {
  await stripeFake.close();
  await lagoFake.close();
});

const row = (legacyId: string) => db.ledgerSourceInvoice.findUniqueOrThrow({ where: { legacyId } });

describe("verifying legacy invoices at their source", () => {
  it("routes in_ ids to Stripe and lago: ids to Lago, taking date, void and paid facts from there", async () => {
    const summary = await verifyLegacyInvoices(db, sources, { legacyIds: ["paid", "open", "void", "lago", "unknown", "none"] });
    expect(summary).toEqual({ verified: 3, skipped: 1, waiting: 2 });
    expect(stripeFake.state.requests.filter((r) => r.path.startsWith("/v1/invoices/")).map((r) => r.path).sort()).toEqual(
      ["/v1/invoices/in_missing", "/v1/invoices/in_open", "/v1/invoices/in_paid", "/v1/invoices/in_void"],
    );

    const paid = await row("paid");
    expect([paid.verification, paid.invoiceDate?.toISOString().slice(0, 10), paid.paid, paid.paidAt?.toISOString().slice(0, 10), paid.amountPaid?.toFixed(2)])
      .toEqual(["verified", "2026-09-01", true, "2026-09-03", "113.00"]);
    const entry = await db.ledgerEntry.findUniqueOrThrow({ where: { id: paid.entryId! } });
    expect(entry.date.toISOString().slice(0, 10)).toBe("2026-09-01");
    expect(paid.paymentEntryId).not.toBeNull();

    // The legacy row said "paid"; Stripe says open: no payment is recorded.
    const open = await row("open");
    expect([open.verification, open.paid, open.paymentEntryId]).toEqual(["verified", false, null]);

    const voided = await row("void");
    expect([voided.verification, voided.verifyReason, voided.entryId]).toEqual(["skipped", "Void at Stripe", null]);
    expect(await db.ledgerEntry.count({ where: { sourceId: "void" } })).toBe(0);

    const lago = await row("lago");
    expect([lago.verification, lago.invoiceDate?.toISOString().slice(0, 10), lago.paid]).toEqual(["verified", "2026-06-30", true]);

    expect(await row("unknown")).toMatchObject({ verification: "waiting", verifyReason: "Stripe has no invoice in_missing", verifyAttempts: 1 });
    expect(await row("none")).toMatchObject({ verification: "waiting", verifyReason: "No Stripe or Lago id: cannot be verified" });
  });

  it("leaves invoices waiting while the processor is down, and verifies them on the retry", async () => {
    await ingestLegacyInvoices(db, [invoice("later", "in_later"), invoice("lago-later", "lago:lg-2")]);
    const down: InvoiceSources = {
      stripe: stripeInvoiceSource(new Stripe("sk_test_down", { host: "127.0.0.1", port: 9, protocol: "http", maxNetworkRetries: 0 })),
      lago: lagoInvoiceSource({ lagoApiUrl: "http://127.0.0.1:9", lagoApiKey: "k", allowLoopback: true }),
    };
    expect(await verifyLegacyInvoices(db, down, { legacyIds: ["later", "lago-later"] })).toEqual({ verified: 0, skipped: 0, waiting: 2 });
    expect(await row("later")).toMatchObject({ verification: "waiting", verifyReason: "Stripe is unreachable; will retry" });
    expect(await row("lago-later")).toMatchObject({ verification: "waiting", verifyReason: "Lago is unreachable; will retry" });

    seedInvoice(stripeFake.state, { id: "in_later", total: 11300, tax: 1300, status: "paid", created: day("2026-10-01") });
    lagoFake.seed({ lagoId: "lg-2", number: "NEX-0002", issuingDate: "2026-07-31", status: "finalized", paymentStatus: "pending", totalAmountCents: 11300 });
    expect(await verifyLegacyInvoices(db, sources, { legacyIds: ["later", "lago-later"] })).toEqual({ verified: 2, skipped: 0, waiting: 0 });
    expect(await row("later")).toMatchObject({ verification: "verified", verifyAttempts: 1, paid: true });
  });

  it("posts only verified invoices, with their payments, and the trial balance sums to zero", async () => {
    const all = await db.ledgerSourceInvoice.findMany();
    const results = await postLegacyInvoices(db, all.map((r) => r.id));
    const by = Object.fromEntries(results.map((r) => [r.legacyId, r.status]));
    expect(by).toMatchObject({ paid: "posted", open: "posted", lago: "posted", later: "posted", unknown: "not_verified", none: "not_verified", void: "not_verified" });
    expect((await postLegacyInvoices(db, all.map((r) => r.id))).filter((r) => r.status === "posted")).toHaveLength(0);

    const tb = await trialBalance(db, new Date("2026-12-31"));
    expect(tb.totalDebit).toBe(tb.totalCredit);
    const balance = (code: string) => tb.rows.find((r) => r.code === code)!.balance;
    // Five invoices of 113.00 posted; three paid (in_paid, lago, in_later) → 2 × 113 still receivable.
    expect([balance("1100"), balance("1050"), balance("2200"), balance("4100")]).toEqual(["226.00", "339.00", "-65.00", "-500.00"]);
    // As of a date before the Stripe invoices, only the Lago ones count.
    const july = await trialBalance(db, new Date("2026-07-31"));
    expect(july.rows.find((r) => r.code === "4100")!.balance).toBe("-200.00");
  });
});
