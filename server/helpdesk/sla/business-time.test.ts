import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_CALENDAR, parseBusinessCalendar, type BusinessCalendar } from "./business-calendar";
import { addBusinessMinutes, businessMinutesBetween, isWithinBusinessHours } from "./business-time";

const at = (s: string) => new Date(s);
const add = (start: string, minutes: number, cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR) =>
  addBusinessMinutes(at(start), minutes, cal).toISOString();

// 2025-01-06 is a Monday. The default calendar is Mon–Fri 08:00–18:00 UTC.
const amsterdam = parseBusinessCalendar({
  timezone: "Europe/Amsterdam",
  workingDays: ["mon", "tue", "wed", "thu", "fri"],
  hours: { open: "08:00", close: "18:00" },
  holidays: ["2025-12-25", "2025-12-26"],
});
const newYork = parseBusinessCalendar({ ...amsterdam, timezone: "America/New_York", holidays: [] });
const roundTheClock = parseBusinessCalendar({
  timezone: "Europe/Amsterdam",
  workingDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  hours: { open: "00:00", close: "24:00" },
});

describe("addBusinessMinutes", () => {
  it("adds within one working day", () => {
    expect(add("2025-01-06T09:00:00Z", 30)).toBe("2025-01-06T09:30:00.000Z");
  });

  it("ends exactly at closing time rather than rolling to the next morning", () => {
    expect(add("2025-01-06T17:30:00Z", 30)).toBe("2025-01-06T18:00:00.000Z");
  });

  it("carries overnight to the next opening", () => {
    expect(add("2025-01-06T17:30:00Z", 60)).toBe("2025-01-07T08:30:00.000Z");
  });

  it("starts counting at opening when created before hours", () => {
    expect(add("2025-01-07T05:00:00Z", 30)).toBe("2025-01-07T08:30:00.000Z");
  });

  it("skips the weekend", () => {
    expect(add("2025-01-10T17:00:00Z", 480)).toBe("2025-01-13T15:00:00.000Z");
    // Created on Saturday: nothing counts until Monday 08:00.
    expect(add("2025-01-11T10:00:00Z", 30)).toBe("2025-01-13T08:30:00.000Z");
  });

  it("skips holidays", () => {
    const withHoliday = parseBusinessCalendar({ ...DEFAULT_BUSINESS_CALENDAR, holidays: ["2025-01-13"] });
    expect(add("2025-01-10T17:00:00Z", 120, withHoliday)).toBe("2025-01-14T09:00:00.000Z");
  });

  it("reads holidays in the calendar's own zone (Christmas in Amsterdam)", () => {
    // Wed 24 Dec 17:00 CET + 4 h: 1 h on Wednesday, Thu/Fri holidays, weekend, 3 h on Monday 29th.
    expect(add("2025-12-24T16:00:00Z", 240, amsterdam)).toBe("2025-12-29T10:00:00.000Z");
  });

  it("crosses the spring DST change (Amsterdam, CET → CEST)", () => {
    // Fri 17:00 CET + 4 h → Mon 11:00 CEST = 09:00Z (a naive UTC sum would give 10:00Z).
    expect(add("2025-03-28T16:00:00Z", 240, amsterdam)).toBe("2025-03-31T09:00:00.000Z");
  });

  it("crosses the autumn DST change (Amsterdam, CEST → CET)", () => {
    expect(add("2025-10-24T15:00:00Z", 240, amsterdam)).toBe("2025-10-27T10:00:00.000Z");
  });

  it("crosses the spring DST change in New York", () => {
    // Fri 17:00 EST (22:00Z) + 4 h → Mon 11:00 EDT = 15:00Z.
    expect(add("2025-03-07T22:00:00Z", 240, newYork)).toBe("2025-03-10T15:00:00.000Z");
  });

  it("counts real elapsed time on a round-the-clock calendar across DST", () => {
    // 24 real hours from Saturday noon CET end at Sunday 13:00 CEST.
    expect(add("2025-03-29T11:00:00Z", 1440, roundTheClock)).toBe("2025-03-30T11:00:00.000Z");
  });

  it("uses per-day opening hours", () => {
    const earlyFriday = parseBusinessCalendar({
      ...DEFAULT_BUSINESS_CALENDAR,
      hoursByDay: { fri: { open: "08:00", close: "12:00" } },
    });
    expect(add("2025-01-10T11:00:00Z", 120, earlyFriday)).toBe("2025-01-13T09:00:00.000Z");
  });

  it("returns the start for zero minutes and refuses negative ones", () => {
    expect(add("2025-01-11T10:00:00Z", 0)).toBe("2025-01-11T10:00:00.000Z");
    expect(() => addBusinessMinutes(at("2025-01-06T09:00:00Z"), -1, DEFAULT_BUSINESS_CALENDAR)).toThrow(RangeError);
    expect(() => addBusinessMinutes(new Date("nope"), 5, DEFAULT_BUSINESS_CALENDAR)).toThrow(RangeError);
  });

  it("gives up on a calendar with no opening hours left", () => {
    const holidays: string[] = [];
    for (let d = new Date("2025-01-01T00:00:00Z"); d.getUTCFullYear() < 2036; d.setUTCDate(d.getUTCDate() + 1)) {
      holidays.push(d.toISOString().slice(0, 10));
    }
    const shut = { ...DEFAULT_BUSINESS_CALENDAR, holidays };
    expect(() => addBusinessMinutes(at("2025-01-06T09:00:00Z"), 10, shut)).toThrow(/no opening hours/);
  });
});

describe("businessMinutesBetween", () => {
  it("counts only opening hours", () => {
    expect(businessMinutesBetween(at("2025-01-06T09:00:00Z"), at("2025-01-06T10:30:00Z"), DEFAULT_BUSINESS_CALENDAR)).toBe(90);
    // Fri 17:00 → Mon 09:00: one hour each side of the weekend.
    expect(businessMinutesBetween(at("2025-01-10T17:00:00Z"), at("2025-01-13T09:00:00Z"), DEFAULT_BUSINESS_CALENDAR)).toBe(120);
    expect(businessMinutesBetween(at("2025-01-11T09:00:00Z"), at("2025-01-12T17:00:00Z"), DEFAULT_BUSINESS_CALENDAR)).toBe(0);
  });

  it("is negative when the end is before the start", () => {
    expect(businessMinutesBetween(at("2025-01-13T09:00:00Z"), at("2025-01-10T17:00:00Z"), DEFAULT_BUSINESS_CALENDAR)).toBe(-120);
  });

  it("sees 23- and 25-hour days at the DST changes", () => {
    const day = (a: string, b: string) => businessMinutesBetween(at(a), at(b), roundTheClock);
    expect(day("2025-03-29T23:00:00Z", "2025-03-30T22:00:00Z")).toBe(23 * 60);
    expect(day("2025-10-25T22:00:00Z", "2025-10-26T23:00:00Z")).toBe(25 * 60);
  });

  it("handles opening hours that fall into the DST gap or overlap", () => {
    const sundayNights = (tz: string) =>
      parseBusinessCalendar({ timezone: tz, workingDays: ["sun"], hours: { open: "02:00", close: "04:00" } });
    const cal = sundayNights("Europe/Amsterdam");
    // Ordinary Sunday: 2 h. Spring-forward Sunday: 02:00–03:00 never happens, 1 h. Fall-back Sunday: 3 h.
    expect(businessMinutesBetween(at("2025-03-22T00:00:00Z"), at("2025-03-24T00:00:00Z"), cal)).toBe(120);
    expect(businessMinutesBetween(at("2025-03-29T00:00:00Z"), at("2025-03-31T00:00:00Z"), cal)).toBe(60);
    expect(businessMinutesBetween(at("2025-10-25T00:00:00Z"), at("2025-10-27T00:00:00Z"), cal)).toBe(180);
  });

  it("is the inverse of addBusinessMinutes", () => {
    const starts = [
      "2025-01-06T09:00:00Z", // Monday morning
      "2025-01-06T17:59:30Z", // just before closing
      "2025-01-07T03:00:00Z", // night
      "2025-01-11T12:00:00Z", // Saturday
      "2025-03-28T16:00:00Z", // before spring DST
      "2025-10-24T15:17:00Z", // before autumn DST
      "2025-12-23T10:00:00Z", // before Christmas
    ];
    const budgets = [0, 1, 30, 59, 240, 600, 1800, 3000, 12_345];
    for (const cal of [DEFAULT_BUSINESS_CALENDAR, amsterdam, newYork, roundTheClock]) {
      for (const s of starts) {
        for (const m of budgets) {
          const due = addBusinessMinutes(at(s), m, cal);
          expect(businessMinutesBetween(at(s), due, cal), `${cal.timezone} ${s} +${m}`).toBeCloseTo(m, 9);
        }
      }
    }
  });

  it("round-trips the other way when the end is inside opening hours", () => {
    const a = at("2025-01-08T15:00:00Z");
    const b = at("2025-01-13T10:20:00Z");
    const minutes = businessMinutesBetween(a, b, DEFAULT_BUSINESS_CALENDAR);
    expect(addBusinessMinutes(a, minutes, DEFAULT_BUSINESS_CALENDAR).toISOString()).toBe(b.toISOString());
  });

  it("leaves paused time out when given pauses", () => {
    const minutes = businessMinutesBetween(at("2025-01-06T09:00:00Z"), at("2025-01-06T13:00:00Z"), DEFAULT_BUSINESS_CALENDAR, {
      pauses: [{ from: at("2025-01-06T10:00:00Z"), to: at("2025-01-06T11:30:00Z") }],
    });
    expect(minutes).toBe(150);
  });
});

describe("isWithinBusinessHours", () => {
  it("includes opening time and excludes closing time", () => {
    expect(isWithinBusinessHours(at("2025-01-06T08:00:00Z"), DEFAULT_BUSINESS_CALENDAR)).toBe(true);
    expect(isWithinBusinessHours(at("2025-01-06T17:59:59Z"), DEFAULT_BUSINESS_CALENDAR)).toBe(true);
    expect(isWithinBusinessHours(at("2025-01-06T18:00:00Z"), DEFAULT_BUSINESS_CALENDAR)).toBe(false);
    expect(isWithinBusinessHours(at("2025-01-11T12:00:00Z"), DEFAULT_BUSINESS_CALENDAR)).toBe(false);
  });
});
