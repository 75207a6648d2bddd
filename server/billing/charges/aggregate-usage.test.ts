import { describe, expect, it } from "vitest";
import { aggregateUsage, UsageAggregationError, type UsageCounter } from "./aggregate-usage";
import { roundQuantity } from "./round-quantity";

const at = (iso: string) => new Date(iso);

describe("aggregateUsage", () => {
  const counters: UsageCounter[] = [
    { quantity: "1.5", timestamp: at("2026-11-01T02:00:00Z"), uniqueKey: "u1" },
    { quantity: "7", timestamp: at("2026-11-01T03:00:00Z"), uniqueKey: "u2" },
    { quantity: "2.25", timestamp: at("2026-11-01T01:00:00Z"), uniqueKey: "u1" },
    { quantity: "0.000001", timestamp: at("2026-11-01T00:00:00Z"), uniqueKey: "u3" },
  ];

  it("sums exactly", () => {
    expect(aggregateUsage("sum", counters).toString()).toBe("10.750001");
    const tenths = Array.from({ length: 10 }, () => ({ quantity: "0.1", timestamp: at("2026-11-01T00:00:00Z") }));
    expect(aggregateUsage("sum", tenths).toString()).toBe("1");
  });

  it("takes the peak for max", () => {
    expect(aggregateUsage("max", counters).toString()).toBe("7");
  });

  it("takes the latest counter by timestamp for last, not the last in the list", () => {
    expect(aggregateUsage("last", counters).toString()).toBe("7");
    const tie = [
      { quantity: "3", timestamp: at("2026-11-01T05:00:00Z") },
      { quantity: "4", timestamp: at("2026-11-01T05:00:00Z") },
    ];
    expect(aggregateUsage("last", tie).toString()).toBe("4");
  });

  it("counts distinct keys that had usage for unique_count", () => {
    expect(aggregateUsage("unique_count", counters).toString()).toBe("3");
    const withZero = [...counters, { quantity: "0", timestamp: at("2026-11-02T00:00:00Z"), uniqueKey: "u9" }];
    expect(aggregateUsage("unique_count", withZero).toString()).toBe("3");
    expect(() => aggregateUsage("unique_count", [{ quantity: "1", timestamp: at("2026-11-01T00:00:00Z") }])).toThrow(
      UsageAggregationError,
    );
  });

  it("gives 0 for a period without counters", () => {
    for (const kind of ["sum", "max", "last", "unique_count"] as const) {
      expect(aggregateUsage(kind, []).toString()).toBe("0");
    }
  });

  it("applies the metric's rounding to the aggregate", () => {
    expect(aggregateUsage("sum", counters, { rounding: { mode: "up", precision: 0 } }).toString()).toBe("11");
    expect(aggregateUsage("sum", counters, { rounding: { mode: "down", precision: 2 } }).toString()).toBe("10.75");
    expect(aggregateUsage("sum", counters, { rounding: { mode: "half_up", precision: 1 } }).toString()).toBe("10.8");
    expect(aggregateUsage("sum", counters, { rounding: { mode: "none" } }).toString()).toBe("10.750001");
  });

  it("refuses negative counters", () => {
    expect(() => aggregateUsage("sum", [{ quantity: "-1", timestamp: at("2026-11-01T00:00:00Z") }])).toThrow(/negative/);
  });
});

describe("roundQuantity", () => {
  it("rounds half-up at the boundary and leaves exact values alone", () => {
    expect(roundQuantity("2.5", { mode: "half_up", precision: 0 }).toString()).toBe("3");
    expect(roundQuantity("2.4999999", { mode: "half_up", precision: 0 }).toString()).toBe("2");
    expect(roundQuantity("2.0000001", { mode: "up", precision: 0 }).toString()).toBe("3");
    expect(roundQuantity("2.9999999", { mode: "down", precision: 0 }).toString()).toBe("2");
    expect(roundQuantity("2", { mode: "up", precision: 0 }).toString()).toBe("2");
  });
});
