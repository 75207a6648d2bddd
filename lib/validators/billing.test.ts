import { describe, expect, it } from "vitest";
import {
  chargeSchema,
  describeTierProblems,
  metricSchema,
  parseUsageBatch,
  planSchema,
  usageBatchSchema,
  usageItemSchema,
} from "./billing";

function messages(result: { success: boolean; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.map(String).join(".")}: ${i.message}`);
}

const validTiers = [
  { from: "0", to: "100", unitPrice: "1" },
  { from: "100", to: null, unitPrice: "0.5", flatFee: "10" },
];

describe("chargeSchema", () => {
  it("accepts a graduated charge with contiguous tiers and applies defaults", () => {
    const parsed = chargeSchema.parse({ metricId: "m1", model: "graduated", tiers: validTiers });
    expect(parsed).toMatchObject({ includedQuota: "0", unitPrice: "0", unitBatch: 1 });
  });

  it("explains a gap between tiers", () => {
    const result = chargeSchema.safeParse({
      metricId: "m1",
      model: "graduated",
      tiers: [
        { from: "0", to: "100", unitPrice: "1" },
        { from: "150", to: null, unitPrice: "1" },
      ],
    });
    expect(messages(result)).toEqual([
      "tiers.1.from: Tier 2 must start where tier 1 ends (100), not at 150: tiers must be contiguous",
    ]);
  });

  it("explains tiers that do not start at 0, an open-ended middle tier and a closed last tier", () => {
    const result = chargeSchema.safeParse({
      metricId: "m1",
      model: "volume",
      tiers: [
        { from: "5", to: null, unitPrice: "1" },
        { from: "100", to: "200", unitPrice: "1" },
      ],
    });
    expect(messages(result)).toEqual([
      "tiers.0.from: Tier 1 must start at 0 (it starts at 5)",
      "tiers.0.to: Only the last tier can be open-ended: give tier 1 an end",
      "tiers.1.to: The last tier must be open-ended (leave its end empty) so every quantity has a price",
    ]);
  });

  it("explains a tier that ends where it starts and a negative tier price", () => {
    const result = chargeSchema.safeParse({
      metricId: "m1",
      model: "graduated",
      tiers: [
        { from: "0", to: "0", unitPrice: "1" },
        { from: "0", to: null, unitPrice: "-1" },
      ],
    });
    expect(messages(result)).toEqual([
      "tiers.1.unitPrice: Tier price per unit cannot be negative",
      "tiers.0.to: Tier 1 must end above where it starts (0), but ends at 0",
    ]);
  });

  it("requires tiers for tiered models and a package size for packages", () => {
    expect(messages(chargeSchema.safeParse({ metricId: "m1", model: "volume" }))).toEqual([
      "tiers: Add at least one tier for the volume model",
    ]);
    expect(messages(chargeSchema.safeParse({ metricId: "m1", model: "package", unitPrice: "5" }))).toEqual([
      "packageSize: Package size is required for the package model",
    ]);
  });

  it("refuses a unit batch of 0 or a fraction", () => {
    expect(messages(chargeSchema.safeParse({ metricId: "m1", model: "standard", unitPrice: "1", unitBatch: 0 }))).toEqual([
      "unitBatch: Unit batch must be greater than 0",
    ]);
    expect(messages(chargeSchema.safeParse({ metricId: "m1", model: "standard", unitPrice: "1", unitBatch: "2.5" }))).toEqual([
      "unitBatch: Unit batch must be a whole number",
    ]);
    expect(chargeSchema.parse({ metricId: "m1", model: "standard", unitPrice: "1", unitBatch: "3600" }).unitBatch).toBe(3600);
  });

  it("allows 6 decimals in a price per unit and explains 7", () => {
    expect(chargeSchema.safeParse({ metricId: "m1", model: "standard", unitPrice: "0.000075" }).success).toBe(true);
    expect(messages(chargeSchema.safeParse({ metricId: "m1", model: "standard", unitPrice: "0.0000075" }))).toEqual([
      "unitPrice: Price per unit can have at most 6 decimal places (0.0000075 has 7)",
    ]);
  });

  it("explains negative or malformed amounts and JSON numbers", () => {
    expect(messages(chargeSchema.safeParse({ metricId: "m1", model: "standard", unitPrice: "-1" }))).toEqual([
      "unitPrice: Price per unit cannot be negative",
    ]);
    expect(messages(chargeSchema.safeParse({ metricId: "m1", model: "standard", unitPrice: "1e3" }))).toEqual([
      "unitPrice: Price per unit must be a number like 12 or 0.125 (digits and one dot)",
    ]);
    expect(messages(chargeSchema.safeParse({ metricId: "m1", model: "standard", unitPrice: 0.1 }))).toEqual([
      'unitPrice: Price per unit must be sent as a string such as "12.5" (JSON numbers can lose digits)',
    ]);
  });
});

describe("describeTierProblems", () => {
  it("finds nothing wrong with a valid ladder and flags an empty one", () => {
    expect(describeTierProblems(validTiers)).toEqual([]);
    expect(describeTierProblems([])).toEqual([{ index: 0, field: "tiers", message: "Add at least one tier" }]);
  });
});

describe("metricSchema and planSchema", () => {
  it("accepts a metric and explains a bad code", () => {
    expect(
      metricSchema.parse({ code: "cpu_seconds", name: "CPU", aggregation: "sum", unitLabel: "seconds" }),
    ).toMatchObject({ rounding: "none", roundingPrecision: 0 });
    expect(
      messages(metricSchema.safeParse({ code: "CPU Seconds", name: "CPU", aggregation: "avg", unitLabel: "s" })),
    ).toEqual([
      'code: Metric code may contain lowercase letters, digits, "_" and "-" (e.g. cpu_seconds)',
      "aggregation: Aggregation must be one of sum, max, last, unique_count",
    ]);
  });

  it("normalises the currency and refuses unknown codes", () => {
    const plan = { code: "pro", name: "Pro", interval: "monthly", basePrice: "49.00", taxBehaviour: "exclusive" };
    expect(planSchema.parse({ ...plan, currency: "cad" }).currency).toBe("CAD");
    expect(messages(planSchema.safeParse({ ...plan, currency: "XYZ" }))).toEqual([
      "currency: Currency is not a known ISO 4217 code (e.g. CAD, USD, EUR)",
    ]);
    expect(messages(planSchema.safeParse({ ...plan, currency: "CAD", basePrice: "49.9999" }))).toEqual([
      "basePrice: Base price can have at most 3 decimal places (49.9999 has 4)",
    ]);
    expect(messages(planSchema.safeParse({ ...plan, currency: "CAD", interval: "weekly" }))).toEqual([
      "interval: Interval must be monthly or yearly",
    ]);
  });
});

describe("usage ingestion schemas", () => {
  const item = {
    external_subscription_id: "dep-42",
    metric_code: "cpu_seconds",
    period: { from: "2026-11-01T00:00:00Z", to: "2026-11-01T01:00:00Z" },
    quantity: "3600",
    idempotency_key: "nexacloud:cpu_seconds:dep-42:2026-11-01T00",
  };

  it("parses a wire item into the stored shape", () => {
    expect(usageItemSchema.parse(item)).toEqual({
      subscriptionExternalId: "dep-42",
      metricCode: "cpu_seconds",
      periodFrom: new Date("2026-11-01T00:00:00Z"),
      periodTo: new Date("2026-11-01T01:00:00Z"),
      quantity: "3600",
      idempotencyKey: "nexacloud:cpu_seconds:dep-42:2026-11-01T00",
      uniqueKey: null,
    });
    expect(usageItemSchema.parse({ ...item, unique_key: " user-7 " }).uniqueKey).toBe("user-7");
  });

  it("explains a window that ends before it starts, a negative quantity and a long key", () => {
    const bad = {
      ...item,
      period: { from: "2026-11-01T01:00:00Z", to: "2026-11-01T01:00:00Z" },
      quantity: "-5",
      idempotency_key: "k".repeat(201),
    };
    expect(messages(usageItemSchema.safeParse(bad))).toEqual([
      "period.to: period.from must be before period.to",
      "quantity: quantity cannot be negative",
      "idempotency_key: idempotency_key can be at most 200 characters",
    ]);
    expect(messages(usageItemSchema.safeParse({ ...item, idempotency_key: "" }))).toEqual([
      "idempotency_key: idempotency_key is required",
    ]);
  });

  it("limits a batch to 1 to 1000 items", () => {
    expect(usageBatchSchema.safeParse({ usage: Array.from({ length: 1000 }, () => item) }).success).toBe(true);
    expect(messages(usageBatchSchema.safeParse({ usage: Array.from({ length: 1001 }, () => item) }))).toEqual([
      "usage: usage can hold at most 1000 items per request; split larger batches",
    ]);
    expect(messages(usageBatchSchema.safeParse({ usage: [] }))).toEqual(["usage: usage must contain at least one item"]);
  });

  it("parseUsageBatch keeps good items and reports bad ones by index", () => {
    const result = parseUsageBatch({ usage: [item, { ...item, idempotency_key: "k2", quantity: 12 }, item] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(result.rejected).toEqual([
      {
        index: 1,
        idempotencyKey: "k2",
        errors: [{ path: "quantity", message: 'quantity must be sent as a string such as "12.5" (JSON numbers can lose digits)' }],
      },
    ]);
    expect(parseUsageBatch({ nope: true })).toMatchObject({ ok: false });
    expect(parseUsageBatch("x")).toMatchObject({ ok: false });
  });
});
