import { describe, expect, it } from "vitest";
import { cn, formatDate, formatDateTime, formatDuration, formatMoney, formatNumber, formatRelative } from "./utils";

describe("cn", () => {
  it("keeps the last of conflicting Tailwind classes", () => {
    expect(cn("px-2 py-1", "px-4")).toBe("py-1 px-4");
  });

  it("knows the theme's colour names, so a colour override does not drop the font size", () => {
    expect(cn("text-sm text-muted-foreground", "text-danger")).toBe("text-sm text-danger");
    expect(cn("bg-primary hover:bg-primary-hover", "bg-success-subtle")).toBe("hover:bg-primary-hover bg-success-subtle");
  });

  it("drops falsy values and flattens conditionals", () => {
    const active = false;
    expect(cn("rounded-md", active && "bg-accent", undefined, null, ["border", { "opacity-50": true }])).toBe(
      "rounded-md border opacity-50",
    );
  });
});

describe("formatMoney", () => {
  it("formats a decimal string exactly, without float rounding", () => {
    expect(formatMoney("1234.5", "AUD", { locale: "en-AU" })).toBe("$1,234.50");
    expect(formatMoney("12345678901234567.89", "aud", { locale: "en-AU" })).toBe("$12,345,678,901,234,567.89");
    // 1.005 is 1.00499999… as a float and would round down.
    expect(formatMoney("1.005", "AUD", { locale: "en-AU" })).toBe("$1.01");
  });

  it("accepts Decimal-like values and bigints, and shows unit prices to 6 places on request", () => {
    const decimal = { toFixed: () => "0.000125", isFinite: () => true };
    expect(formatMoney(decimal, "USD", { locale: "en-AU", maximumFractionDigits: 6 })).toBe("USD\u00a00.000125");
    expect(formatMoney(42n, "AUD", { locale: "en-AU" })).toBe("$42.00");
    expect(formatMoney("-3", "AUD", { locale: "en-AU", maximumFractionDigits: 0 })).toBe("-$3");
  });

  it("never turns garbage into a number", () => {
    expect(formatMoney("12abc", "AUD")).toBe("12abc AUD");
    expect(formatMoney(null, "AUD")).toBe("—");
  });
});

describe("formatNumber", () => {
  it("groups thousands and formats decimal strings exactly", () => {
    expect(formatNumber(1234, { locale: "en-AU" })).toBe("1,234");
    expect(formatNumber("1234567.125", { locale: "en-AU", maximumFractionDigits: 3 })).toBe("1,234,567.125");
    expect(formatNumber(Number.NaN)).toBe("—");
  });
});

describe("dates", () => {
  const when = new Date("2026-11-21T16:50:00Z");

  it("formats date-times in the given zone, naming it", () => {
    expect(formatDateTime(when, { locale: "en-AU", timeZone: "UTC" })).toBe("21 Nov 2026, 4:50 pm UTC");
    expect(formatDateTime(when.toISOString(), { locale: "en-AU", timeZone: "Australia/Sydney", zone: false })).toBe(
      "22 Nov 2026, 3:50 am",
    );
    expect(formatDate(when, { locale: "en-AU", timeZone: "UTC" })).toBe("21 Nov 2026");
    expect(formatDateTime("not a date")).toBe("—");
  });

  it("describes times relative to now", () => {
    const now = new Date("2026-11-21T17:00:00Z");
    expect(formatRelative(when, now, { locale: "en-AU" })).toBe("10 minutes ago");
    expect(formatRelative(new Date("2026-11-21T16:59:50Z"), now)).toBe("just now");
    expect(formatRelative(new Date("2026-11-20T17:00:00Z"), now, { locale: "en-AU" })).toBe("yesterday");
    expect(formatRelative(new Date("2026-11-21T19:00:00Z"), now, { locale: "en-AU" })).toBe("in 2 hours");
  });

  it("writes durations to their two largest units", () => {
    expect(formatDuration((2 * 86_400 + 4 * 3_600 + 5 * 60) * 1000)).toBe("2d 4h");
    expect(formatDuration(45 * 60 * 1000)).toBe("45m");
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(null)).toBe("—");
  });
});
