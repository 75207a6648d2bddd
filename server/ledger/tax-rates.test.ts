/**
 * Tax rates an admin edits: 0–100 with a clear message, unique names and
 * percents, a rate posted entries used is retired (not deleted, not
 * re-percented), and a retired rate is no longer derived to.
 */
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { db } from "@/server/db";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { codeOf } from "@/server/testing/trpc-code";
import { ingestLegacyInvoices } from "./ingest-legacy-invoices";
import type { LegacyInvoice } from "./legacy-invoice";
import { postEntries } from "./post-entries";

let admin: SessionUser;
const caller = () => callerFor(admin).ledger.taxRates;
const messageOf = (p: Promise<unknown>) => p.then(() => "OK", (e: Error) => e.message);

const invoice = (id: string, subtotal: string, tax: string): LegacyInvoice => ({
  id, processorId: `in_${id}`, number: `T-${id}`, partner: "Acme", currency: "CAD", subtotal, tax, total: new Decimal(subtotal).plus(tax).toFixed(2),
  legacyDate: new Date("2026-09-01"), legacyStatus: "paid", items: [{ description: "Odoo ERP Hosting", quantity: "1", unitPrice: subtotal, amount: subtotal }],
});

beforeAll(async () => {
  admin = await createTestUser("PROVIDER_ADMIN", await createTestOrganisation({ kind: "PROVIDER" }));
});

describe("tax rates", () => {
  it("starts from HST 13% and No tax, and adds a rate", async () => {
    expect((await caller().list()).map((r) => [r.name, r.percent])).toEqual([["HST 13%", "13"], ["No tax", "0"]]);
    await caller().create({ name: "GST 5%", percent: "5" });
    expect((await caller().list()).map((r) => r.percent)).toEqual(["13", "5", "0"]);
  });

  it("refuses a percent outside 0–100, not a number, or with more than 4 decimals, naming the problem", async () => {
    for (const [percent, message] of [["101", /between 0 and 100/], ["-1", /between 0 and 100/], ["abc", /as a number/], ["5.12345", /4 decimals/]] as const) {
      expect(await codeOf(caller().create({ name: `Bad ${percent}`, percent }))).toBe("BAD_REQUEST");
      expect(await messageOf(caller().create({ name: `Bad ${percent}`, percent }))).toMatch(message);
    }
    expect(await codeOf(caller().create({ name: "  ", percent: "7" }))).toBe("BAD_REQUEST");
  });

  it("refuses a duplicate name or percent with CONFLICT, saying which rate has it", async () => {
    expect(await codeOf(caller().create({ name: "hst 13%", percent: "14" }))).toBe("CONFLICT");
    expect(await messageOf(caller().create({ name: "Ontario HST", percent: "13.0" }))).toMatch(/"HST 13%" already has 13%/);
    const gst = (await caller().list()).find((r) => r.name === "GST 5%")!;
    expect(await codeOf(caller().update({ id: gst.id, data: { name: "No tax", percent: "5" } }))).toBe("CONFLICT");
    await caller().update({ id: gst.id, data: { name: "GST", percent: "5.5" } });
    expect((await caller().list()).find((r) => r.id === gst.id)).toMatchObject({ name: "GST", percent: "5.5" });
  });

  it("retires a rate posted entries used instead of deleting it or changing its percent; a retired rate is no longer derived to", async () => {
    await ingestLegacyInvoices(db, [invoice("a", "100.00", "5.50")]);
    const draft = await db.ledgerSourceInvoice.findUniqueOrThrow({ where: { legacyId: "a" } });
    expect([draft.taxRatePercent?.toString(), draft.taxMismatch]).toEqual(["5.5", false]);
    await postEntries(db, [draft.entryId!]);

    const gst = (await caller().list()).find((r) => r.name === "GST")!;
    expect(gst.postedUses).toBe(1);
    expect(await codeOf(caller().delete({ id: gst.id }))).toBe("CONFLICT");
    expect(await messageOf(caller().delete({ id: gst.id }))).toMatch(/retire it instead/);
    expect(await codeOf(caller().update({ id: gst.id, data: { name: "GST", percent: "6" } }))).toBe("CONFLICT");
    await caller().update({ id: gst.id, data: { name: "GST (old)", percent: "5.5" } });

    await caller().setRetired({ id: gst.id, retired: true });
    expect((await caller().list()).at(-1)).toMatchObject({ id: gst.id, retiredAt: expect.any(Date) });
    expect(await messageOf(caller().create({ name: "GST again", percent: "5.5" }))).toMatch(/retired: restore it instead/);
    await ingestLegacyInvoices(db, [invoice("b", "100.00", "5.50")]);
    expect(await db.ledgerSourceInvoice.findUniqueOrThrow({ where: { legacyId: "b" } })).toMatchObject({ taxMismatch: true });

    await caller().setRetired({ id: gst.id, retired: false });
    const unused = await caller().create({ name: "Temp", percent: "1" });
    await caller().delete({ id: unused.id });
    expect(await codeOf(caller().delete({ id: unused.id }))).toBe("NOT_FOUND");
  });
});
