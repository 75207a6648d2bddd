import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { FAKE_ASCORA_ACCOUNT } from "@/e2e/fakes/ascora/fake-ascora-server";
import { AscoraHttp } from "@/server/crm/connectors/ascora/ascora-http";
import { linkedCustomer, startAscoraKit, type AscoraKit } from "@/server/crm/testing/ascora-test-kit";
import { importAscoraAccounting } from "./import-ascora-accounting";

let kit: AscoraKit;
beforeAll(async () => {
  kit = await startAscoraKit();
});
afterAll(async () => {
  await kit.close();
});
afterEach(async () => {
  kit.fake.state.reset();
  kit.fake.clearFaults();
  await db.externalPayment.deleteMany();
  await db.externalInvoiceLine.deleteMany();
  await db.externalInvoice.deleteMany();
  await db.externalImportIssue.deleteMany();
  await db.syncLink.deleteMany({ where: { connectionId: kit.connection.id } });
});

const CUSTOMER = "0b9f6a52-1e0e-4f3c-8a55-4f0a7d9c2e01";
const INVOICE_ID = "6f1c2b7e-4d7a-4a53-9d1e-0a6f5e3b2c11";
const PAYMENT_ID = "a8d2f0c4-9b1e-4c2a-8f3d-6e5b4a3c2d10";

function invoice(over: Record<string, unknown> = {}) {
  return {
    Id: INVOICE_ID,
    InvoiceDate: "2026-11-30T00:00:00Z",
    InvoiceDueDate: "2026-12-14T00:00:00Z",
    InvoiceNumber: "INV-1001",
    AmountExTax: 200,
    AdjustedAmountExTax: 180,
    Tax: 18,
    CustomerId: CUSTOMER,
    InvoiceLines: [
      { PartNumber: "LAB", Description: "Labour", Quantity: 2, UnitPriceExTax: 100, AmountExTax: 200, Tax: 20 },
      { Description: "Discount", Quantity: 1, UnitPriceExTax: -20, AmountExTax: -20, Tax: -2 },
    ],
    ...over,
  };
}

const payment = (over: Record<string, unknown> = {}) => ({
  Id: PAYMENT_ID,
  InvoiceId: INVOICE_ID,
  PaymentDate: "2026-12-02T00:00:00Z",
  Amount: 198,
  PaymentMethod: "Card",
  Reference: "R-77",
  ...over,
});

const run = (opts: Parameters<typeof importAscoraAccounting>[2] = {}) => importAscoraAccounting(db, kit.connection.id, { trigger: "manual", ...opts });
const markedInFake = (id: string) => kit.fake.state.invoices.get(id)?.marked;

describe("importing Ascora invoices and payments", () => {
  it("stores an invoice with its lines and a payment for the linked customer, then marks both in Ascora", async () => {
    const customer = await linkedCustomer(kit.connection.id, CUSTOMER);
    kit.fake.state.seedInvoice(invoice());
    kit.fake.state.seedPayment(payment());
    const first = await run();
    expect(first.invoices).toEqual({ stored: 1, marked: 1, rejected: 0 });
    // Ascora lists the payment only once its invoice is marked: the same run picks it up.
    expect(first.payments).toMatchObject({ stored: 1, marked: 1, waiting: 0 });
    const inv = await db.externalInvoice.findFirstOrThrow({ include: { lines: { orderBy: { position: "asc" } }, payments: true } });
    expect(inv).toMatchObject({ customerId: customer.id, remoteId: INVOICE_ID, invoiceNumber: "INV-1001" });
    expect(inv.total.toFixed(2)).toBe("198.00");
    expect(inv.lines.map((l) => l.amountExTax.toFixed(2))).toEqual(["200.00", "-20.00"]);
    expect(inv.payments[0]!.amount.toFixed(2)).toBe("198.00");
    expect(inv.markedAt).not.toBeNull();
    expect(markedInFake(INVOICE_ID)).toBe(true);
    expect(kit.fake.state.payments.get(PAYMENT_ID)!.marked).toBe(true);
    const links = await db.syncLink.findMany({ where: { connectionId: kit.connection.id, entity: { in: ["external_invoice", "external_payment"] } } });
    expect(links.map((l) => l.externalId).sort()).toEqual([INVOICE_ID, PAYMENT_ID].sort());
    const again = await run();
    expect(again.invoices.stored + again.payments.stored).toBe(0);
    const runRow = await db.syncRun.findUniqueOrThrow({ where: { id: first.runId! } });
    expect(runRow).toMatchObject({ status: "SUCCEEDED", succeeded: 2, failed: 0 });
  });

  it("a crash between storing and marking duplicates nothing: the invoice comes back, is upserted, then marked", async () => {
    await linkedCustomer(kit.connection.id, CUSTOMER);
    kit.fake.state.seedInvoice(invoice());
    await expect(
      run({
        beforeMark: () => {
          throw new Error("worker died before MarkInvoice");
        },
      }),
    ).rejects.toThrow("worker died");
    expect(await db.externalInvoice.count()).toBe(1);
    expect((await db.externalInvoice.findFirstOrThrow()).markedAt).toBeNull();
    expect(markedInFake(INVOICE_ID)).toBe(false);
    const rerun = await run();
    expect(rerun.invoices).toMatchObject({ stored: 1, marked: 1 });
    expect(await db.externalInvoice.count()).toBe(1);
    expect(await db.externalInvoiceLine.count()).toBe(2);
    expect((await db.externalInvoice.findFirstOrThrow()).markedAt).not.toBeNull();
    expect(markedInFake(INVOICE_ID)).toBe(true);
  });

  it("a MarkInvoice answer lost after Ascora marked: the stored row is marked again on the next run", async () => {
    await linkedCustomer(kit.connection.id, CUSTOMER);
    kit.fake.state.seedInvoice(invoice());
    kit.fake.setFault({ type: "timeout_after_success", path: "/MarkInvoice", delayMs: 5_000, times: 1 });
    const http = new AscoraHttp({ baseUrl: kit.fake.url, username: FAKE_ASCORA_ACCOUNT.username, password: FAKE_ASCORA_ACCOUNT.password, timeoutMs: 300 });
    await expect(run({ http })).rejects.toMatchObject({ kind: "timeout" });
    expect(markedInFake(INVOICE_ID)).toBe(true);
    const next = await run();
    expect(next.invoices.stored).toBe(0);
    expect(await db.externalInvoice.count()).toBe(1);
    expect((await db.externalInvoice.findFirstOrThrow()).markedAt).not.toBeNull();
  });

  it.each([
    ["a malformed Guid", { Id: "INV-not-a-guid" }, "Id is not a Guid"],
    ["a malformed customer Guid", { CustomerId: "42" }, "CustomerId is not a Guid"],
    ["a negative amount", { AdjustedAmountExTax: -5 }, "AdjustedAmountExTax is negative"],
    ["a non-numeric tax", { Tax: "ten" }, "Tax is not a number"],
    ["an unknown customer", { CustomerId: "99999999-1e0e-4f3c-8a55-4f0a7d9c2e01" }, "is not linked to a Switchboard customer"],
  ])("rejects %s: nothing stored, not marked, the reason listed", async (_label, over, reason) => {
    await linkedCustomer(kit.connection.id, CUSTOMER);
    const seeded = kit.fake.state.seedInvoice(invoice(over));
    const result = await run();
    expect(result.invoices).toEqual({ stored: 0, marked: 0, rejected: 1 });
    expect(await db.externalInvoice.count()).toBe(0);
    expect(await db.externalInvoiceLine.count()).toBe(0);
    expect(seeded.marked).toBe(false);
    const issue = await db.externalImportIssue.findFirstOrThrow({ where: { connectionId: kit.connection.id, kind: "invoice" } });
    expect(issue.reason).toContain(reason);
    expect(issue.resolvedAt).toBeNull();
  });

  it("an invoice rejected for an unknown customer is stored once the customer is linked, and its issue closes", async () => {
    kit.fake.state.seedInvoice(invoice());
    await run();
    expect(await db.externalImportIssue.count({ where: { resolvedAt: null } })).toBe(1);
    await run();
    expect((await db.externalImportIssue.findFirstOrThrow()).seenCount).toBe(2);
    await linkedCustomer(kit.connection.id, CUSTOMER);
    expect((await run()).invoices.stored).toBe(1);
    expect(await db.externalImportIssue.count({ where: { resolvedAt: null } })).toBe(0);
  });

  it("a payment with a negative amount is rejected and not marked; one whose invoice we never stored waits", async () => {
    await linkedCustomer(kit.connection.id, CUSTOMER);
    kit.fake.state.seedInvoice(invoice());
    const bad = kit.fake.state.seedPayment(payment({ Amount: -1 }));
    // Marked in Ascora by someone else, so never sent to us: its payment must wait, not fail.
    const other = kit.fake.state.seedInvoice(invoice({ Id: "11111111-2222-4333-8444-555555555555", InvoiceNumber: "INV-2" }));
    other.marked = true;
    const waiting = kit.fake.state.seedPayment(payment({ Id: "22222222-2222-4333-8444-555555555555", InvoiceId: "11111111-2222-4333-8444-555555555555" }));
    const result = await run();
    expect(result.payments).toMatchObject({ stored: 0, rejected: 1, waiting: 1 });
    expect(bad.marked).toBe(false);
    expect(waiting.marked).toBe(false);
    expect(await db.externalPayment.count()).toBe(0);
    const issues = await db.externalImportIssue.findMany({ where: { kind: "payment" }, orderBy: { waiting: "asc" } });
    expect(issues.map((i) => [i.waiting, i.reason.includes("negative") || i.reason.includes("Waiting")])).toEqual([
      [false, true],
      [true, true],
    ]);
  });

  it("wrong credentials fail the run with an auth error and store nothing", async () => {
    const wrong = await startAscoraKit({ password: "not-the-password", name: "Wrong password" });
    try {
      wrong.fake.state.seedInvoice(invoice());
      const err = await importAscoraAccounting(db, wrong.connection.id).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: "auth" });
      const runRow = await db.syncRun.findFirstOrThrow({ where: { connectionId: wrong.connection.id }, orderBy: { startedAt: "desc" } });
      expect(runRow.status).toBe("FAILED");
      expect(runRow.message).toContain("401");
      expect(await db.externalInvoice.count()).toBe(0);
    } finally {
      await wrong.close();
    }
  });
});
