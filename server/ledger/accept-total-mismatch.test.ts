/**
 * A processor total that differs from the legacy total blocks posting (409,
 * nothing posted) with "Stripe says X, legacy says Y" until an admin accepts
 * one side with a note; accepting the processor's adjusts the draft so
 * receivables match what was charged. Verified through the Stripe SDK against
 * the fake Stripe.
 */
import Stripe from "stripe";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedInvoice, startFakeStripe, type FakeStripe } from "@/e2e/fakes/stripe";
import type { SessionUser } from "@/server/auth/session-user";
import { db } from "@/server/db";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { codeOf } from "@/server/testing/trpc-code";
import { ingestLegacyInvoices } from "./ingest-legacy-invoices";
import type { LegacyInvoice } from "./legacy-invoice";
import { trialBalance } from "./reports/trial-balance";
import { lagoInvoiceSource } from "./verify/lago-invoice-source";
import { stripeInvoiceSource } from "./verify/stripe-invoice-source";
import { verifyLegacyInvoices } from "./verify-legacy-invoices";

let stripe: FakeStripe;
let admin: SessionUser;
const ledger = () => callerFor(admin).ledger;
const day = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const invoice = (id: string): LegacyInvoice => ({
  id, processorId: `in_${id}`, number: `MM-${id}`, partner: "Acme", currency: "CAD", subtotal: "100.00", tax: "13.00", total: "113.00",
  legacyDate: new Date("2026-09-01"), legacyStatus: "paid", items: [{ description: "Odoo ERP Hosting", quantity: "1", unitPrice: "100.00", amount: "100.00" }],
});
const row = (legacyId: string) => db.ledgerSourceInvoice.findUniqueOrThrow({ where: { legacyId } });
const linesOf = async (legacyId: string) => db.ledgerLine.findMany({ where: { entryId: (await row(legacyId)).entryId! }, include: { account: true }, orderBy: { position: "asc" } });

beforeAll(async () => {
  admin = await createTestUser("PROVIDER_ADMIN", await createTestOrganisation({ kind: "PROVIDER" }));
  stripe = await startFakeStripe();
  // Stripe charged 120.00 for "over" and "under" (legacy says 113.00); "same" agrees.
  for (const [id, total] of [["over", 12000], ["under", 12000], ["same", 11300]] as const) {
    seedInvoice(stripe.state, { id: `in_${id}`, total, tax: 1300, status: "paid", created: day("2026-09-01") });
  }
  await ingestLegacyInvoices(db, [invoice("over"), invoice("under"), invoice("same")]);
  const sources = {
    stripe: stripeInvoiceSource(new Stripe(stripe.secretKey, { ...stripe.stripeConfig, maxNetworkRetries: 0 })),
    lago: lagoInvoiceSource({ lagoApiUrl: null, lagoApiKey: null, allowLoopback: true }),
  };
  expect(await verifyLegacyInvoices(db, sources)).toEqual({ verified: 3, skipped: 0, waiting: 0 });
});
afterAll(() => stripe.close());

describe("a processor total that differs from the legacy total", () => {
  it("keeps the draft in review with both totals named, and the list shows it blocked", async () => {
    expect(await row("over")).toMatchObject({ verification: "verified", verifyReason: "Stripe says 120.00, legacy says 113.00: accept one side before posting" });
    expect((await row("over")).processorTotal?.toFixed(2)).toBe("120.00");
    expect((await row("same")).processorTotal).toBeNull();
    const blocked = await ledger().invoices.list({ blocked: true });
    expect(blocked.rows.map((r) => [r.legacyId, r.blocked, r.processorTotal])).toEqual([["over", true, "120.00"], ["under", true, "120.00"]]);
  });

  it("refuses to post a blocked draft by name with CONFLICT and posts nothing of the request", async () => {
    const [over, same] = [await row("over"), await row("same")];
    const error = await ledger().invoices.post({ ids: [same.id, over.id] }).catch((e: Error & { code: string }) => e);
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^MM-over: Stripe says 120\.00, legacy says 113\.00.*Nothing was posted\.$/) });
    expect(await db.ledgerEntry.count({ where: { state: "posted" } })).toBe(0);
    // "Post all verified" posts the rest and reports the blocked ones as held.
    const all = await ledger().invoices.post({ all: true });
    expect(Object.fromEntries(all.map((r) => [r.legacyId, r.status]))).toEqual({ over: "blocked", under: "blocked", same: "posted" });
  });

  it("refuses a missing note or side, and settling an invoice whose totals agree", async () => {
    const over = await row("over");
    expect(await codeOf(ledger().invoices.acceptMismatch({ id: over.id, side: "processor", note: "" }))).toBe("BAD_REQUEST");
    expect(await codeOf(ledger().invoices.acceptMismatch({ id: over.id, side: "both" as "processor", note: "Checked" }))).toBe("BAD_REQUEST");
    expect(await codeOf(ledger().invoices.acceptMismatch({ id: (await row("same")).id, side: "legacy", note: "Checked" }))).toBe("CONFLICT");
    expect(await codeOf(ledger().invoices.acceptMismatch({ id: "nope", side: "legacy", note: "Checked" }))).toBe("NOT_FOUND");
  });

  it("accepting the legacy total posts the draft as ingested; who, when, side and note are kept", async () => {
    const under = await row("under");
    await ledger().invoices.acceptMismatch({ id: under.id, side: "legacy", note: "Stripe added a late fee we refunded" });
    expect(await row("under")).toMatchObject({ mismatchAccepted: "legacy", mismatchNote: "Stripe added a late fee we refunded", mismatchById: admin.id, mismatchAt: expect.any(Date) });
    expect(await codeOf(ledger().invoices.acceptMismatch({ id: under.id, side: "processor", note: "Again" }))).toBe("CONFLICT");
    expect((await ledger().invoices.post({ ids: [under.id] }))[0]).toMatchObject({ status: "posted" });
    expect((await linesOf("under")).map((l) => l.debit.plus(l.credit).toFixed(2))).toEqual(["113.00", "100.00", "13.00"]);
  });

  it("accepting Stripe's total adds the difference to receivables and Other income, balanced, and then posts", async () => {
    const over = await row("over");
    await ledger().invoices.acceptMismatch({ id: over.id, side: "processor", note: "Stripe is what the customer paid" });
    const lines = await linesOf("over");
    const receivable = lines.filter((l) => l.account.key === "receivables").reduce((s, l) => s.plus(l.debit.toString()).minus(l.credit.toString()), new Decimal(0));
    expect(receivable.toFixed(2)).toBe("120.00");
    expect(lines.at(-1)).toMatchObject({ description: "Difference to Stripe's total", family: "other" });
    expect((await ledger().invoices.post({ ids: [over.id] }))[0]).toMatchObject({ status: "posted" });
    const tb = await trialBalance(db, new Date("2026-12-31"));
    expect(tb.totalDebit).toBe(tb.totalCredit);
    // Three invoices, each paid at Stripe (120 + 120 + 113 through clearing); receivables: 113 + 120 + 113 billed − 353 paid.
    expect(tb.rows.find((r) => r.code === "1100")!.balance).toBe("-7.00");
  });
});
