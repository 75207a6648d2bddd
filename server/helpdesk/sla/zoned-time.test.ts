import { describe, expect, it } from "vitest";
import { localDateOf, nextLocalDate, weekdayIndexOf, zonedTimeToInstant, zoneOffsetMs } from "./zoned-time";

const iso = (ms: number) => new Date(ms).toISOString();

describe("zoned time via Intl", () => {
  it("reads the zone offset in winter and summer", () => {
    expect(zoneOffsetMs(Date.parse("2025-01-15T12:00:00Z"), "Europe/Amsterdam")).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse("2025-07-15T12:00:00Z"), "Europe/Amsterdam")).toBe(7_200_000);
    expect(zoneOffsetMs(Date.parse("2025-07-15T12:00:00Z"), "America/New_York")).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs(Date.parse("2025-07-15T12:00:00Z"), "UTC")).toBe(0);
  });

  it("finds the local date of an instant", () => {
    // 23:30 UTC on the 6th is already the 7th in Amsterdam and still the 6th in New York.
    const t = Date.parse("2025-01-06T23:30:00Z");
    expect(localDateOf(t, "Europe/Amsterdam")).toEqual({ year: 2025, month: 1, day: 7 });
    expect(localDateOf(t, "America/New_York")).toEqual({ year: 2025, month: 1, day: 6 });
  });

  it("converts a wall time to an instant on either side of DST", () => {
    expect(iso(zonedTimeToInstant({ year: 2025, month: 3, day: 28 }, 8 * 60, "Europe/Amsterdam"))).toBe(
      "2025-03-28T07:00:00.000Z",
    );
    expect(iso(zonedTimeToInstant({ year: 2025, month: 3, day: 31 }, 8 * 60, "Europe/Amsterdam"))).toBe(
      "2025-03-31T06:00:00.000Z",
    );
  });

  it("shifts a wall time inside the spring-forward gap forward by the gap", () => {
    // 02:30 does not exist in Amsterdam on 2025-03-30; it becomes 03:30 CEST.
    expect(iso(zonedTimeToInstant({ year: 2025, month: 3, day: 30 }, 150, "Europe/Amsterdam"))).toBe(
      "2025-03-30T01:30:00.000Z",
    );
  });

  it("takes the earlier instant for a wall time repeated at fall-back", () => {
    // 02:30 happens twice in Amsterdam on 2025-10-26: first at 00:30Z (CEST).
    expect(iso(zonedTimeToInstant({ year: 2025, month: 10, day: 26 }, 150, "Europe/Amsterdam"))).toBe(
      "2025-10-26T00:30:00.000Z",
    );
  });

  it("treats 24:00 as the next local midnight", () => {
    expect(iso(zonedTimeToInstant({ year: 2025, month: 3, day: 29 }, 1440, "Europe/Amsterdam"))).toBe(
      "2025-03-29T23:00:00.000Z",
    );
  });

  it("steps dates across month and year ends and knows weekdays", () => {
    expect(nextLocalDate({ year: 2024, month: 12, day: 31 })).toEqual({ year: 2025, month: 1, day: 1 });
    expect(nextLocalDate({ year: 2024, month: 2, day: 28 })).toEqual({ year: 2024, month: 2, day: 29 });
    expect(weekdayIndexOf({ year: 2025, month: 1, day: 6 })).toBe(1); // Monday
  });
});
