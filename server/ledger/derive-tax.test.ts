import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { deriveTax } from "./derive-tax";

const RATES = [new Decimal(13), new Decimal(0)];
const derive = (subtotal: string, tax: string) => deriveTax(new Decimal(subtotal), new Decimal(tax), RATES);

describe("deriveTax", () => {
  it("maps 13% and computes the source's tax to the cent", () => {
    const d = derive("214.50", "27.89");
    expect([d.ratePercent.toString(), d.computedTax.toFixed(2), d.mismatch]).toEqual(["13", "27.89", false]);
  });

  it("maps a zero tax to no tax, and a zero subtotal too", () => {
    expect(derive("100.00", "0.00")).toMatchObject({ mismatch: false });
    expect(derive("100.00", "0.00").ratePercent.toString()).toBe("0");
    expect(derive("0.00", "0.00")).toMatchObject({ effectivePercent: null, mismatch: false });
  });

  it("flags a tax one cent off the configured rate", () => {
    const d = derive("214.50", "27.90");
    expect([d.ratePercent.toString(), d.computedTax.toFixed(2), d.mismatch]).toEqual(["13", "27.89", true]);
  });

  it("maps an unconfigured rate to the closest and flags it", () => {
    const d = derive("100.00", "5.00");
    expect([d.ratePercent.toString(), d.mismatch]).toEqual(["0", true]);
    expect(derive("100.00", "12.00").ratePercent.toString()).toBe("13");
  });
});
