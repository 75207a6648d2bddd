import { describe, expect, it } from "vitest";
import { fromCents, minorUnitDigits, toCents } from "./minor-units";

describe("currency minor units", () => {
  it("converts by each currency's exponent, rounding half-up once", () => {
    expect([minorUnitDigits("CAD"), minorUnitDigits("jpy"), minorUnitDigits("KWD")]).toEqual([2, 0, 3]);
    expect(toCents("49.00", "CAD")).toBe(4900);
    // The seed's example: 7,200 seconds over the quota at 0.0075 per started hour is 0.015 exactly, 2 cents once rounded.
    expect(toCents("0.015", "CAD")).toBe(2);
    expect(toCents("500", "JPY")).toBe(500);
    expect(toCents("1.2345", "KWD")).toBe(1235);
    expect(fromCents(1235, "KWD", "x").toFixed()).toBe("1.235");
    expect(() => fromCents(1.5, "CAD", "credit_amount_cents")).toThrow(/credit_amount_cents must be a whole number/);
  });
});
