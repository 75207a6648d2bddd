import { describe, expect, it } from "vitest";
import { computeInvoiceTotals, computeTax, percentToRate } from "./tax";

const HST = "0.13";

describe("computeTax", () => {
  it("adds 13% HST on top of exclusive prices", () => {
    const r = computeTax({ amount: "100.00", rate: HST, behaviour: "exclusive", currency: "CAD" });
    expect([r.net.toFixed(2), r.tax.toFixed(2), r.gross.toFixed(2)]).toEqual(["100.00", "13.00", "113.00"]);
  });

  it("takes 13% HST out of inclusive prices", () => {
    const r = computeTax({ amount: "113.00", rate: HST, behaviour: "inclusive", currency: "CAD" });
    expect([r.net.toFixed(2), r.tax.toFixed(2), r.gross.toFixed(2)]).toEqual(["100.00", "13.00", "113.00"]);
    const odd = computeTax({ amount: "10.00", rate: HST, behaviour: "inclusive", currency: "CAD" });
    expect([odd.net.toFixed(2), odd.tax.toFixed(2)]).toEqual(["8.85", "1.15"]);
    expect(odd.net.plus(odd.tax).toFixed(2)).toBe("10.00");
  });

  it("rounds the tax half-up to cents", () => {
    expect(computeTax({ amount: "0.50", rate: HST, behaviour: "exclusive", currency: "CAD" }).tax.toFixed(2)).toBe("0.07"); // 0.065
    expect(computeTax({ amount: "0.03", rate: HST, behaviour: "exclusive", currency: "CAD" }).tax.toFixed(2)).toBe("0.00"); // 0.0039
  });

  it("accepts a percentage through percentToRate and refuses rates above 100%", () => {
    expect(percentToRate("13").toString()).toBe("0.13");
    expect(() => computeTax({ amount: "1", rate: "13", behaviour: "exclusive", currency: "CAD" })).toThrow(/between 0 and 1/);
  });
});

describe("computeInvoiceTotals", () => {
  it("keeps lines exact and rounds their sum once, then taxes it once", () => {
    const totals = computeInvoiceTotals([{ amount: "49.00" }, { amount: "0.015" }, { amount: "12.345" }], { rate: HST, behaviour: "exclusive", currency: "CAD" });
    // Rounding each line first would give 49.00 + 0.02 + 12.35 = 61.37.
    expect({
      lines: totals.linesTotal.toFixed(),
      subtotal: totals.subtotal.toFixed(2),
      tax: totals.tax.toFixed(2),
      total: totals.total.toFixed(2),
    }).toEqual({ lines: "61.36", subtotal: "61.36", tax: "7.98", total: "69.34" });
    // Two sub-cent lines: 0.015 + 0.015 is 0.03, where rounding per line would bill 0.04.
    expect(computeInvoiceTotals([{ amount: "0.015" }, { amount: "0.015" }], { rate: "0", behaviour: "exclusive", currency: "CAD" }).total.toFixed(2)).toBe("0.03");
    // The seed's example alone: 0.015 is billed once rounded, 0.02.
    expect(computeInvoiceTotals([{ amount: "0.015" }], { rate: "0", behaviour: "exclusive", currency: "CAD" }).total.toFixed(2)).toBe("0.02");
  });

  it("rounds to each currency's minor unit: 3 places for KWD and BHD, none for JPY", () => {
    const kwd = computeInvoiceTotals([{ amount: "1.2344" }, { amount: "0.0003" }], { rate: HST, behaviour: "exclusive", currency: "KWD" });
    expect([kwd.subtotal.toFixed(3), kwd.tax.toFixed(3), kwd.total.toFixed(3)]).toEqual(["1.235", "0.161", "1.396"]);
    const bhd = computeInvoiceTotals([{ amount: "10.0005" }], { rate: "0", behaviour: "exclusive", currency: "BHD" });
    expect(bhd.total.toFixed(3)).toBe("10.001");
    const jpy = computeInvoiceTotals([{ amount: "1000.4" }, { amount: "0.2" }], { rate: "0.1", behaviour: "exclusive", currency: "JPY" });
    expect([jpy.subtotal.toFixed(), jpy.tax.toFixed(), jpy.total.toFixed()]).toEqual(["1001", "100", "1101"]);
    const inclusive = computeInvoiceTotals([{ amount: "11.3005" }], { rate: HST, behaviour: "inclusive", currency: "KWD" });
    expect([inclusive.subtotal.toFixed(3), inclusive.tax.toFixed(3), inclusive.total.toFixed(3)]).toEqual(["10.001", "1.300", "11.301"]);
  });

  it("treats inclusive lines as gross", () => {
    const totals = computeInvoiceTotals([{ amount: "56.50" }, { amount: "56.50" }], { rate: HST, behaviour: "inclusive", currency: "CAD" });
    expect([totals.subtotal.toFixed(2), totals.tax.toFixed(2), totals.total.toFixed(2)]).toEqual(["100.00", "13.00", "113.00"]);
  });

  it("totals an invoice without lines at zero", () => {
    const totals = computeInvoiceTotals([], { rate: HST, behaviour: "exclusive", currency: "CAD" });
    expect([totals.subtotal.toFixed(2), totals.tax.toFixed(2), totals.total.toFixed(2)]).toEqual(["0.00", "0.00", "0.00"]);
  });
});
