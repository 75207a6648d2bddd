import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_SCHEDULE_MS,
  formatRetrySchedule,
  isDeliverySuccess,
  nextAttemptAt,
  nextDelay,
  parseRetrySchedule,
} from "./retry-schedule";

describe("retry schedule", () => {
  it("walks the default schedule, then dead-letters", () => {
    const delays = Array.from({ length: 10 }, (_, i) => nextDelay(i));
    expect(delays).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null, null]);
  });

  it("computes the due time from the previous failure", () => {
    const failedAt = new Date("2026-11-21T10:00:00Z");
    expect(nextAttemptAt(3, failedAt)?.toISOString()).toBe("2026-11-21T10:30:00.000Z");
    expect(nextAttemptAt(8, failedAt)).toBeNull();
  });

  it("refuses a negative or fractional attempt index", () => {
    expect(() => nextDelay(-1)).toThrow(RangeError);
    expect(() => nextDelay(1.5)).toThrow(RangeError);
  });

  it("parses and formats the setting", () => {
    expect(parseRetrySchedule("0, 5s, 5m, 30m, 2h, 5h, 10h, 10h")).toEqual([...DEFAULT_RETRY_SCHEDULE_MS]);
    expect(formatRetrySchedule(DEFAULT_RETRY_SCHEDULE_MS)).toBe("0, 5s, 5m, 30m, 2h, 5h, 10h, 10h");
    expect(parseRetrySchedule("1, 250ms")).toEqual([1_000, 250]);
    expect(() => parseRetrySchedule("5 minutes")).toThrow(/"5 minutes" is not a delay/);
    expect(() => parseRetrySchedule(" , ")).toThrow(/at least one/);
    expect(nextDelay(2, parseRetrySchedule("0, 1s"))).toBeNull();
  });

  it("counts only 2xx as delivered", () => {
    expect([199, 200, 204, 299, 301, 404, 500].map(isDeliverySuccess)).toEqual([false, true, true, true, false, false, false]);
  });
});
