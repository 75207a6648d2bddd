import { describe, expect, it } from "vitest";
import { RejectedRecord, parseInvoice, parsePayment, rawIdOf } from "./parse-ascora-accounting";

const HEADER = {
  Id: "6F1C2B7E-4D7A-4A53-9D1E-0A6F5E3B2C11",
  InvoiceDate: "/Date(1796083200000-0000)/",
  InvoiceDueDate: null,
  InvoiceNumber: " INV-9 ",
  AmountExTax: "100.50",
  AdjustedAmountExTax: 90.5,
  Tax: 9.05,
  CustomerId: "0b9f6a52-1e0e-4f3c-8a55-4f0a7d9c2e01",
};

describe("parseInvoice", () => {
  it("normalises Guids to lower case, reads both date forms and numeric strings, and totals adjusted + tax", () => {
    const p = parseInvoice(HEADER);
    expect(p).toMatchObject({ remoteId: HEADER.Id.toLowerCase(), invoiceNumber: "INV-9", amountExTax: "100.5", total: "99.55", dueDate: null, lines: [] });
    expect(p.invoiceDate.getTime()).toBe(1796083200000);
  });

  it("accepts negative lines (discounts) but not a negative invoice amount", () => {
    const p = parseInvoice({ ...HEADER, InvoiceLines: [{ Description: "Discount", AmountExTax: -10, Tax: -1, Quantity: 1, UnitPriceExTax: -10 }] });
    expect(p.lines[0]).toMatchObject({ position: 1, amountExTax: "-10", description: "Discount" });
    expect(() => parseInvoice({ ...HEADER, Tax: -0.01 })).toThrow(/Tax is negative/);
  });

  it.each([
    [{ Id: 42 }, /Id is not a Guid/],
    [{ InvoiceNumber: "" }, /InvoiceNumber is missing/],
    [{ InvoiceDate: "yesterday" }, /InvoiceDate is not a date/],
    [{ AdjustedAmountExTax: 1.2345 }, /more than 3 decimal places/],
    [{ AmountExTax: "1e9" }, /AmountExTax is not a number/],
    [{ InvoiceLines: "none" }, /InvoiceLines is not a list/],
  ])("rejects %j", (over, reason) => {
    expect(() => parseInvoice({ ...HEADER, ...(over as object) })).toThrow(RejectedRecord);
    expect(() => parseInvoice({ ...HEADER, ...(over as object) })).toThrow(reason);
  });

  it("reports a malformed id as sent, cut to 100 characters", () => {
    expect(rawIdOf({ Id: "x".repeat(300) })).toHaveLength(100);
    expect(rawIdOf({ Id: 7 })).toBe("7");
    expect(rawIdOf({})).toBe("null");
  });
});

describe("parsePayment", () => {
  it("needs Guids, a date and a non-negative amount", () => {
    const ok = { Id: HEADER.Id, InvoiceId: HEADER.CustomerId, PaymentDate: "2026-12-01T00:00:00Z", Amount: 5, PaymentMethod: "Card" };
    expect(parsePayment(ok)).toMatchObject({ amount: "5", method: "Card", reference: null });
    expect(() => parsePayment({ ...ok, InvoiceId: "INV-9" })).toThrow(/InvoiceId is not a Guid/);
    expect(() => parsePayment({ ...ok, Amount: -5 })).toThrow(/Amount is negative/);
    expect(() => parsePayment({ ...ok, PaymentDate: undefined })).toThrow(/PaymentDate is not a date/);
  });
});
