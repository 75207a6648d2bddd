import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_CALENDAR, DEFAULT_SLA_POLICIES, businessCalendarSchema, slaPoliciesSchema, slaPolicySchema } from "./sla-config";

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("business calendar schema", () => {
  it("accepts the default and normalises holidays", () => {
    expect(businessCalendarSchema.parse(DEFAULT_BUSINESS_CALENDAR)).toEqual(DEFAULT_BUSINESS_CALENDAR);
    const cal = businessCalendarSchema.parse({
      ...DEFAULT_BUSINESS_CALENDAR,
      holidays: ["2025-12-26", "2025-12-25", "2025-12-26"],
    });
    expect(cal.holidays).toEqual(["2025-12-25", "2025-12-26"]);
  });

  it("names each problem", () => {
    const r = businessCalendarSchema.safeParse({
      timezone: "Mars/Olympus",
      workingDays: [],
      hours: { open: "18:00", close: "08:00" },
      hoursByDay: { sat: { open: "09:00", close: "25:00" } },
      holidays: ["25-12-2025"],
    });
    const m = messages(r);
    expect(m).toContain('timezone: "Mars/Olympus" is not a known IANA time zone (e.g. Europe/Amsterdam)');
    expect(m).toContain("workingDays: Pick at least one working day");
    expect(m).toContain("hours.close: Closing time must be later than opening time");
    expect(m).toContain('hoursByDay.sat.close: "25:00" is not a time of day; use HH:MM from 00:00 to 24:00');
    expect(m).toContain('holidays.0: "25-12-2025" is not a date (YYYY-MM-DD)');
  });

  it("refuses hours for a day that is not a working day", () => {
    const r = businessCalendarSchema.safeParse({
      ...DEFAULT_BUSINESS_CALENDAR,
      hoursByDay: { sun: { open: "10:00", close: "12:00" } },
    });
    expect(messages(r)).toEqual(["hoursByDay.sun: Opening hours are set for sun, which is not a working day"]);
  });
});

describe("SLA policy schema", () => {
  it("accepts the defaults", () => {
    expect(slaPoliciesSchema.parse(DEFAULT_SLA_POLICIES)).toEqual(DEFAULT_SLA_POLICIES);
    expect(DEFAULT_SLA_POLICIES.urgent).toEqual({ firstResponseMinutes: 30, nextUpdateMinutes: 60, resolutionMinutes: 240 });
  });

  it("refuses zero, fractions and a resolution shorter than the first response", () => {
    expect(messages(slaPolicySchema.safeParse({ firstResponseMinutes: 0, nextUpdateMinutes: 1.5, resolutionMinutes: 60 }))).toEqual([
      "firstResponseMinutes: First response target must be at least 1 minute",
      "nextUpdateMinutes: Next update target must be a whole number of minutes",
    ]);
    expect(messages(slaPolicySchema.safeParse({ firstResponseMinutes: 120, nextUpdateMinutes: 60, resolutionMinutes: 60 }))).toEqual([
      "resolutionMinutes: Resolution target cannot be shorter than the first response target",
    ]);
  });
});
