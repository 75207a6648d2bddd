import { describe, expect, it } from "vitest";
import { formatDateOnly, parseDateOnly } from "./date-only";

describe("date-only values", () => {
  it("show in the app's date format, whatever the time zone", () => {
    expect(formatDateOnly("2026-12-05")).toBe("5 Dec 2026");
    expect(formatDateOnly("")).toBe("");
    expect(formatDateOnly("5/12/2026")).toBe("");
  });

  it("read what people type in that format, long month names and ISO", () => {
    for (const text of ["5 Dec 2026", "05 dec 2026", "5 December 2026", "Dec 5, 2026", "December 5th 2026", " 2026-12-05 ", "5 Dec. 2026"]) {
      expect(parseDateOnly(text), text).toBe("2026-12-05");
    }
    expect(parseDateOnly("1 Sept 2026")).toBe("2026-09-01");
  });

  it("refuse impossible dates, ambiguous numbers and words that are not months", () => {
    for (const text of ["31 Feb 2026", "2026-13-01", "05/12/2026", "12/05/2026", "5 Decc 2026", "5 De 2026", "tomorrow", "", "5 Dec 26"]) {
      expect(parseDateOnly(text), text).toBeNull();
    }
  });
});
