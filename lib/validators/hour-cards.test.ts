import { describe, expect, it } from "vitest";
import { formatHoursMinutes } from "@/lib/hour-cards/format-minutes";
import { hoursReportCsv } from "@/lib/hour-cards/hours-report-csv";
import { createHourCardSchema, parseDuration } from "./hour-cards";

describe("parseDuration", () => {
  it.each([
    ["1:30", 90],
    ["0:05", 5],
    ["1.5", 90],
    ["1,25", 75],
    ["2h", 120],
    ["45m", 45],
    ["90 min", 90],
  ])("reads %s as %i minutes", (text, minutes) => expect(parseDuration(text)).toBe(minutes));

  it.each(["", "abc", "1:75", "-1", "1:30:00"])("refuses %j", (text) => expect(parseDuration(text)).toBeNull());
});

describe("createHourCardSchema", () => {
  const ok = { customerId: "c1", name: "Card", purchasedMinutes: 600, purchasedOn: "2026-01-01" };
  it("accepts a plain card", () => expect(createHourCardSchema.safeParse(ok).success).toBe(true));
  it("asks for the currency with a price and an expiry after the purchase", () => {
    const bad = createHourCardSchema.safeParse({ ...ok, pricePaid: "1200", expiresOn: "2025-12-31" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(["currency: Give the currency of the price", "expiresOn: The expiry must be after the purchase date"]);
  });
  it("refuses zero or fractional minutes", () => {
    expect(createHourCardSchema.safeParse({ ...ok, purchasedMinutes: 0 }).error?.issues[0]?.message).toBe("The time must be more than zero");
    expect(createHourCardSchema.safeParse({ ...ok, purchasedMinutes: 1.5 }).error?.issues[0]?.message).toBe("Enter whole minutes");
  });
});

describe("formatting", () => {
  it("shows h:mm and quotes CSV names", () => {
    expect(formatHoursMinutes(90)).toBe("1:30");
    expect(formatHoursMinutes(-45)).toBe("-0:45");
    expect(hoursReportCsv([{ month: "2026-03", customerName: 'Acme, "North"', usedMinutes: 90, addedMinutes: 600 }])).toBe(
      'month,customer,hours_used,hours_added\n2026-03,"Acme, ""North""",1.50,10.00\n',
    );
  });
});
