import { describe, expect, it } from "vitest";
import { perUnit, singularUnit } from "./price-unit";

describe("price units", () => {
  it("prices one unit in the singular and a batch in the plural", () => {
    expect(perUnit("calls")).toBe("per call");
    expect(perUnit("seconds", "1")).toBe("per second");
    expect(perUnit("calls", 1000)).toBe("per 1,000 calls");
  });

  it("keeps labels that are not a plain plural", () => {
    for (const label of ["GB", "kWh", "status", "address"]) expect(singularUnit(label)).toBe(label);
    expect(singularUnit("queries")).toBe("query");
    expect(singularUnit("minutes")).toBe("minute");
  });
});
