import { describe, expect, it } from "vitest";
import { firstPeriod, nextPeriod, periodEndFrom, startOfUtcDay } from "./billing-period";

const d = (iso: string) => new Date(iso);

describe("billing periods", () => {
  it("runs monthly periods from the anchor day and clamps short months without drifting", () => {
    const p1 = firstPeriod(d("2026-01-31T00:00:00Z"), "monthly");
    expect(p1.end.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    const p2 = nextPeriod(p1, "monthly", 31);
    expect(p2.start.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(p2.end.toISOString()).toBe("2026-03-31T00:00:00.000Z");
    const p3 = nextPeriod(p2, "monthly", 31);
    expect(p3.end.toISOString()).toBe("2026-04-30T00:00:00.000Z");
  });

  it("crosses the year and handles leap years for yearly plans", () => {
    expect(periodEndFrom(d("2026-12-15T10:30:00Z"), "monthly").toISOString()).toBe("2027-01-15T10:30:00.000Z");
    expect(periodEndFrom(d("2028-02-29T00:00:00Z"), "yearly").toISOString()).toBe("2029-02-28T00:00:00.000Z");
  });

  it("rejects a nonsense anchor day and finds the start of a UTC day", () => {
    expect(() => periodEndFrom(d("2026-01-01T00:00:00Z"), "monthly", 0)).toThrow(RangeError);
    expect(startOfUtcDay(d("2026-11-21T23:59:59Z")).toISOString()).toBe("2026-11-21T00:00:00.000Z");
  });
});
