/**
 * A change upstream of a posted entry: listed with both sides, resolved once
 * with a note (who and when kept), either acknowledged or corrected by a new
 * draft that reverses the posted lines and books the new figures. The posted
 * entry itself never changes.
 */
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { db } from "@/server/db";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { codeOf } from "@/server/testing/trpc-code";
import { ingestLegacyInvoices } from "../ingest-legacy-invoices";
import type { LegacyInvoice } from "../legacy-invoice";
import { postEntries } from "../post-entries";
import { trialBalance } from "../reports/trial-balance";

let admin: SessionUser;
const review = () => callerFor(admin).ledger.review;
const invoice = (id: string, amount: string, tax: string): LegacyInvoice => ({
  id, processorId: `in_${id}`, number: `RV-${id}`, partner: "Acme", currency: "CAD", subtotal: amount, tax, total: new Decimal(amount).plus(tax).toFixed(2),
  legacyDate: new Date("2026-09-01"), legacyStatus: "paid", items: [{ description: "Odoo ERP Hosting", quantity: "1", unitPrice: amount, amount }],
});
const snapshotLines = async (entryId: string) =>
  (await db.ledgerLine.findMany({ where: { entryId }, orderBy: { position: "asc" } })).map((l) => [l.description, l.debit.toFixed(2), l.credit.toFixed(2)]);

beforeAll(async () => {
  admin = await createTestUser("PROVIDER_ADMIN", await createTestOrganisation({ kind: "PROVIDER" }));
  await ingestLegacyInvoices(db, [invoice("ack", "100.00", "13.00"), invoice("adj", "200.00", "26.00")]);
  const entries = await db.ledgerEntry.findMany({ where: { sourceId: { in: ["ack", "adj"] } } });
  await postEntries(db, entries.map((e) => e.id));
  // Upstream, both invoices change after posting.
  await ingestLegacyInvoices(db, [invoice("ack", "100.00", "14.00"), invoice("adj", "250.00", "32.50")]);
});

describe("review items", () => {
  it("lists each open change with the posted lines and what the source says now", async () => {
    const page = await review().list({ state: "open" });
    expect(page.total).toBe(2);
    const adj = page.rows.find((r) => r.invoice?.legacyId === "adj")!;
    expect(adj.reason).toMatch(/subtotal 200 → 250\.00, tax 26 → 32\.50, total 226 → 282\.50/);
    expect(adj.posted?.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["1100 Accounts receivable", "226.00", "0.00"], ["4100 Income – Hosting", "0.00", "200.00"], ["2200 Sales tax payable", "0.00", "26.00"],
    ]);
    expect(adj.sourceNow).toMatchObject({ subtotal: "250.00", tax: "32.50", total: "282.50", items: [{ description: "Odoo ERP Hosting", amount: "250.00" }] });
    expect([adj.resolution, adj.resolvedBy, adj.adjustment]).toEqual([null, null, null]);
  });

  it("refuses a resolve without a note or with an unknown action (BAD_REQUEST), and an unknown item (NOT_FOUND)", async () => {
    const [item] = (await review().list({ state: "open" })).rows;
    expect(await codeOf(review().resolve({ id: item!.id, action: "acknowledge", note: " " }))).toBe("BAD_REQUEST");
    expect(await codeOf(review().resolve({ id: item!.id, action: "edit" as "adjust", note: "Fix it" }))).toBe("BAD_REQUEST");
    expect(await codeOf(review().resolve({ id: "missing", action: "acknowledge", note: "Seen" }))).toBe("NOT_FOUND");
  });

  it("acknowledges once, recording who and when; resolving it again is a CONFLICT; the posted entry is unchanged", async () => {
    const item = (await review().list({ state: "open" })).rows.find((r) => r.invoice?.legacyId === "ack")!;
    const entryId = (await db.ledgerReviewItem.findUniqueOrThrow({ where: { id: item.id } })).entryId;
    const before = await snapshotLines(entryId);
    const [first, second] = await Promise.all([
      review().resolve({ id: item.id, action: "acknowledge", note: "Tax rounding fixed upstream; books stay" }).then(() => "OK", (e: { code: string }) => e.code),
      review().resolve({ id: item.id, action: "acknowledge", note: "Tax rounding fixed upstream (second tab)" }).then(() => "OK", (e: { code: string }) => e.code),
    ]);
    expect([first, second].sort()).toEqual(["CONFLICT", "OK"]);
    expect(await codeOf(review().resolve({ id: item.id, action: "acknowledge", note: "Again" }))).toBe("CONFLICT");
    const resolved = (await review().list({ state: "resolved" })).rows.find((r) => r.id === item.id)!;
    expect(resolved).toMatchObject({ resolution: "acknowledged", note: expect.stringMatching(/^Tax rounding fixed upstream/), resolvedBy: admin.name ?? admin.email, resolvedAt: expect.any(Date), adjustment: null });
    expect(await snapshotLines(entryId)).toEqual(before);
    expect(await db.ledgerEntry.count({ where: { sourceKind: "legacy-adjustment" } })).toBe(0);
  });

  it("adjusts with a new draft that reverses the posted lines and books the new figures; posted, the books show the new figures", async () => {
    const item = (await review().list({ state: "open" })).rows[0]!;
    const entryId = (await db.ledgerReviewItem.findUniqueOrThrow({ where: { id: item.id } })).entryId;
    const before = await snapshotLines(entryId);
    const { adjustmentEntryId } = await review().resolve({ id: item.id, action: "adjust", note: "Customer upgraded mid-month" });
    const adjustment = await db.ledgerEntry.findUniqueOrThrow({ where: { id: adjustmentEntryId! } });
    expect([adjustment.state, adjustment.ref]).toEqual(["draft", "ADJ RV-adj"]);
    expect(await snapshotLines(adjustmentEntryId!)).toEqual([
      ["Reverses: Invoice RV-adj", "0.00", "226.00"], ["Reverses: Odoo ERP Hosting", "200.00", "0.00"], ["Reverses: Tax 13%", "26.00", "0.00"],
      ["Invoice RV-adj", "282.50", "0.00"], ["Odoo ERP Hosting", "0.00", "250.00"], ["Tax 13%", "0.00", "32.50"],
    ]);
    expect(await snapshotLines(entryId)).toEqual(before);
    expect((await review().list({ state: "resolved" })).rows.find((r) => r.id === item.id)?.adjustment).toEqual({ id: adjustmentEntryId, state: "draft" });

    await review().postAdjustment({ id: item.id });
    expect(await codeOf(review().postAdjustment({ id: item.id }))).toBe("CONFLICT");
    const tb = await trialBalance(db, new Date("2026-12-31"));
    expect(tb.totalDebit).toBe(tb.totalCredit);
    // ack stays at 113.00 as acknowledged; adj now at 282.50.
    expect(tb.rows.find((r) => r.code === "1100")!.balance).toBe("395.50");
    // The same upstream state seen again raises nothing new.
    expect((await ingestLegacyInvoices(db, [invoice("adj", "250.00", "32.50")])).counts.review).toBe(0);
  });
});
