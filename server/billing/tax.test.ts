import { describe, expect, it } from "vitest";
import { computeInvoiceTotals, computeTax, percentToRate } from "./tax";

const HST = "0.13";

describe("computeTax", () => {
  it("adds 13% HST on top of exclusive prices", () => {
    const r = computeTax({ amount: "100.00", rate: HST, behaviour: "exclusive" });
    expect([r.net.toFixed(2), r.tax.toFixed(2), r.gross.toFixed(2)]).toEqual(["100.00", "13.00", "113.00"]);
  });

  it("takes 13% HST out of inclusive prices", () => {
    const r = computeTax({ amount: "113.00", rate: HST, behaviour: "inclusive" });
    expect([r.net.toFixed(2), r.tax.toFixed(2), r.gross.toFixed(2)]).toEqual(["100.00", "13.00", "113.00"]);
    const odd = computeTax({ amount: "10.00", rate: HST, behaviour: "inclusive" });
    expect([odd.net.toFixed(2), odd.tax.toFixed(2)]).toEqual(["8.85", "1.15"]);
    expect(odd.net.plus(odd.tax).toFixed(2)).toBe("10.00");
  });

  it("rounds the tax half-up to cents", () => {
    expect(computeTax({ amount: "0.50", rate: HST, behaviour: "exclusive" }).tax.toFixed(2)).toBe("0.07"); // 0.065
    expect(computeTax({ amount: "0.03", rate: HST, behaviour: "exclusive" }).tax.toFixed(2)).toBe("0.00"); // 0.0039
  });

  it("accepts a percentage through percentToRate and refuses rates above 100%", () => {
    expect(percentToRate("13").toString()).toBe("0.13");
    expect(() => computeTax({ amount: "1", rate: "13", behaviour: "exclusive" })).toThrow(/between 0 and 1/);
  });
});

describe("computeInvoiceTotals", () => {
  it("rounds each line, then taxes the sum once", () => {
    const totals = computeInvoiceTotals([{ amount: "49.00" }, { amount: "0.015" }, { amount: "12.345" }], {
      rate: HST,
      behaviour: "exclusive",
    });
    expect({
      lines: totals.linesTotal.toFixed(2),
      subtotal: totals.subtotal.toFixed(2),
      tax: totals.tax.toFixed(2),
      total: totals.total.toFixed(2),
    }).toEqual({ lines: "61.37", subtotal: "61.37", tax: "7.98", total: "69.35" });
  });

  it("treats inclusive lines as gross", () => {
    const totals = computeInvoiceTotals([{ amount: "56.50" }, { amount: "56.50" }], { rate: HST, behaviour: "inclusive" });
    expect([totals.subtotal.toFixed(2), totals.tax.toFixed(2), totals.total.toFixed(2)]).toEqual(["100.00", "13.00", "113.00"]);
  });

  it("totals an invoice without lines at zero", () => {
    const totals = computeInvoiceTotals([], { rate: HST, behaviour: "exclusive" });
    expect([totals.subtotal.toFixed(2), totals.tax.toFixed(2), totals.total.toFixed(2)]).toEqual(["0.00", "0.00", "0.00"]);
  });
});
