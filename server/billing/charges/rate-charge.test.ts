import { describe, expect, it } from "vitest";
import { ChargeConfigurationError, rateCharge, type ChargeTierSpec, type RatedCharge } from "./rate-charge";

const money = (r: RatedCharge) => r.amount.toFixed(2);

describe("rateCharge – standard", () => {
  it("charges nothing while usage stays within the included quota", () => {
    const charge = { model: "standard" as const, includedQuota: "5000000", unitPrice: "0.10", unitBatch: 1000 };
    for (const quantity of ["0", "4999999", "5000000"]) {
      const r = rateCharge({ ...charge, quantity });
      expect(money(r)).toBe("0.00");
      expect(r.units.toString()).toBe("0");
      expect(r.breakdown).toEqual([]);
    }
  });

  it("rounds a started batch of 1,000 up to a whole batch", () => {
    const charge = { model: "standard" as const, includedQuota: "5000000", unitPrice: "0.10", unitBatch: 1000 };
    expect(money(rateCharge({ ...charge, quantity: "5000001" }))).toBe("0.10");
    expect(money(rateCharge({ ...charge, quantity: "5001000" }))).toBe("0.10");
    const over = rateCharge({ ...charge, quantity: "5001001" });
    expect(over.billableQuantity.toString()).toBe("1001");
    expect(over.units.toString()).toBe("2");
    expect(over.billedQuantity.toString()).toBe("2000");
    expect(money(over)).toBe("0.20");
  });

  it("prices CPU seconds per started core-hour (batch 3,600) and rounds the line half-up to cents", () => {
    const charge = { model: "standard" as const, includedQuota: "18000", unitPrice: "0.0075", unitBatch: 3600 };
    const two = rateCharge({ ...charge, quantity: "25200" });
    expect(two.units.toString()).toBe("2");
    expect(two.exactAmount.toString()).toBe("0.015");
    expect(money(two)).toBe("0.02");
    const one = rateCharge({ ...charge, quantity: "18000.5" });
    expect(one.units.toString()).toBe("1");
    expect(money(one)).toBe("0.01");
    const justOver = rateCharge({ ...charge, quantity: "21600.000001" });
    expect(justOver.units.toString()).toBe("2");
  });

  it("keeps 6-decimal unit prices exact and rounds only the line total", () => {
    const charge = { model: "standard" as const, unitPrice: "0.000075" };
    expect(money(rateCharge({ ...charge, quantity: "1000000" }))).toBe("75.00");
    const r = rateCharge({ ...charge, quantity: "33333" });
    expect(r.exactAmount.toString()).toBe("2.499975");
    expect(money(r)).toBe("2.50");
    // exactly half a cent goes up; a float or banker's rounding would not give these
    expect(rateCharge({ model: "standard", unitPrice: "0.000001", quantity: "5000" }).amount.toFixed(2)).toBe("0.01");
    expect(rateCharge({ model: "standard", unitPrice: "0.000001", quantity: "4999" }).amount.toFixed(2)).toBe("0.00");
    expect(rateCharge({ model: "standard", unitPrice: "0.1", quantity: "3" }).exactAmount.toString()).toBe("0.3");
  });

  it("bills a fractional quantity as started units at batch 1", () => {
    const r = rateCharge({ model: "standard", unitPrice: "2", quantity: "2.5" });
    expect(r.units.toString()).toBe("3");
    expect(money(r)).toBe("6.00");
  });
});

describe("rateCharge – graduated", () => {
  const tiers: ChargeTierSpec[] = [
    { from: "0", to: "100", unitPrice: "1" },
    { from: "100", to: "200", unitPrice: "0.5", flatFee: "10" },
    { from: "200", to: null, unitPrice: "0.1" },
  ];
  const graduated = (quantity: string, extra: object = {}) => rateCharge({ model: "graduated", tiers, quantity, ...extra });

  it.each([
    ["0", "0.00", 0],
    ["1", "1.00", 1],
    ["100", "100.00", 1],
    ["100.000001", "110.50", 2],
    ["101", "110.50", 2],
    ["199", "159.50", 2],
    ["200", "160.00", 2],
    ["201", "160.10", 3],
    ["250", "165.00", 3],
  ])("prices %s units at %s across %i tier(s)", (quantity, amount, touched) => {
    const r = graduated(quantity);
    expect(money(r)).toBe(amount);
    expect(r.breakdown).toHaveLength(touched);
  });

  it("reports each tier's slice, unit price and flat fee", () => {
    const r = graduated("250");
    expect(
      r.breakdown.map((b) => ({
        tier: b.tierIndex,
        quantity: b.quantity.toString(),
        unitPrice: b.unitPrice.toString(),
        flatFee: b.flatFee.toString(),
        amount: b.amount.toString(),
      })),
    ).toEqual([
      { tier: 0, quantity: "100", unitPrice: "1", flatFee: "0", amount: "100" },
      { tier: 1, quantity: "100", unitPrice: "0.5", flatFee: "10", amount: "60" },
      { tier: 2, quantity: "50", unitPrice: "0.1", flatFee: "0", amount: "5" },
    ]);
  });

  it("starts the tiers after the included quota", () => {
    expect(money(graduated("150", { includedQuota: "50" }))).toBe("100.00");
    expect(money(graduated("150.5", { includedQuota: "50" }))).toBe("110.50");
    expect(money(graduated("50", { includedQuota: "50" }))).toBe("0.00");
  });

  it("prices per 1,000 inside tiers expressed in raw quantity", () => {
    const r = rateCharge({
      model: "graduated",
      unitBatch: 1000,
      quantity: "1500001",
      tiers: [
        { from: "0", to: "1000000", unitPrice: "0.10" },
        { from: "1000000", to: null, unitPrice: "0.08" },
      ],
    });
    expect(r.units.toString()).toBe("1501");
    expect(r.breakdown.map((b) => b.units.toString())).toEqual(["1000", "501"]);
    expect(money(r)).toBe("140.08");
  });

  it("does not charge an extra batch when a tier edge splits a batch", () => {
    const r = rateCharge({
      model: "graduated",
      unitBatch: 1000,
      quantity: "2000",
      tiers: [
        { from: "0", to: "1500", unitPrice: "1" },
        { from: "1500", to: null, unitPrice: "2" },
      ],
    });
    expect(r.units.toString()).toBe("2");
    expect(r.breakdown.map((b) => b.units.toString())).toEqual(["1.5", "0.5"]);
    expect(money(r)).toBe("2.50");
  });
});

describe("rateCharge – volume", () => {
  const tiers: ChargeTierSpec[] = [
    { from: "0", to: "100", unitPrice: "1" },
    { from: "100", to: "200", unitPrice: "0.5", flatFee: "10" },
    { from: "200", to: null, unitPrice: "0.1" },
  ];
  it.each([
    ["0", "0.00", null],
    ["100", "100.00", 0],
    ["100.000001", "60.50", 1],
    ["101", "60.50", 1],
    ["200", "110.00", 1],
    ["201", "20.10", 2],
  ])("prices all %s units at the tier they land in (%s)", (quantity, amount, tier) => {
    const r = rateCharge({ model: "volume", tiers, quantity });
    expect(money(r)).toBe(amount);
    expect(r.breakdown[0]?.tierIndex ?? null).toBe(tier);
  });

  it("uses the billable quantity after the quota to pick the tier", () => {
    const r = rateCharge({ model: "volume", tiers, quantity: "300", includedQuota: "150" });
    expect(r.billableQuantity.toString()).toBe("150");
    expect(money(r)).toBe("85.00");
  });
});

describe("rateCharge – package", () => {
  const charge = { model: "package" as const, unitPrice: "5", packageSize: 100, includedQuota: "100" };
  it.each([
    ["0", "0.00", "0"],
    ["100", "0.00", "0"],
    ["100.000001", "5.00", "1"],
    ["200", "5.00", "1"],
    ["201", "10.00", "2"],
    ["301", "15.00", "3"],
  ])("charges %s units as started packages of 100 after 100 free (%s)", (quantity, amount, packages) => {
    const r = rateCharge({ ...charge, quantity });
    expect(money(r)).toBe(amount);
    expect(r.units.toString()).toBe(packages);
  });
});

describe("rateCharge – refuses what it cannot price", () => {
  it("rejects tiers with a gap", () => {
    expect(() =>
      rateCharge({
        model: "graduated",
        quantity: "10",
        tiers: [
          { from: "0", to: "100", unitPrice: "1" },
          { from: "150", to: null, unitPrice: "1" },
        ],
      }),
    ).toThrow(/tier 1 ends \(100\), not at 150/);
  });

  it("rejects a batch of 0, a missing package size and negative input", () => {
    expect(() => rateCharge({ model: "standard", quantity: "1", unitPrice: "1", unitBatch: 0 })).toThrow(ChargeConfigurationError);
    expect(() => rateCharge({ model: "standard", quantity: "1", unitPrice: "1", unitBatch: "1.5" })).toThrow(/whole number/);
    expect(() => rateCharge({ model: "package", quantity: "1", unitPrice: "1" })).toThrow(/packageSize is required/);
    expect(() => rateCharge({ model: "standard", quantity: "-1", unitPrice: "1" })).toThrow(/negative/);
    expect(() => rateCharge({ model: "standard", quantity: "1", unitPrice: "-0.01" })).toThrow(/negative/);
    expect(() => rateCharge({ model: "standard", quantity: "1" })).toThrow(/unitPrice is required/);
    expect(() => rateCharge({ model: "volume", quantity: "1", tiers: [] })).toThrow(/at least one tier/);
  });
});

describe("rateCharge – fed straight from the validated form", () => {
  it("accepts a parsed chargeSchema value", async () => {
    const { chargeSchema } = await import("@/lib/validators/billing");
    const charge = chargeSchema.parse({
      metricId: "m_cpu",
      model: "standard",
      includedQuota: "18000",
      unitPrice: "0.0075",
      unitBatch: "3600",
    });
    expect(money(rateCharge({ ...charge, quantity: "25200" }))).toBe("0.02");
  });
});
