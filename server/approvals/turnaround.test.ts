import { describe, expect, it } from "vitest";
import { isStuck, stuckCutoff, turnaroundHours, turnaroundStats } from "./turnaround";

const sent = new Date("2026-05-01T09:00:00Z");
const after = (hours: number) => new Date(sent.getTime() + hours * 3_600_000);

describe("turnaroundHours", () => {
  it("is decided minus sent, in hours", () => {
    expect(turnaroundHours(sent, after(1.5))).toBe(1.5);
    expect(turnaroundHours(sent, after(49))).toBe(49);
  });

  it("is null while undecided and never negative", () => {
    expect(turnaroundHours(sent, null)).toBeNull();
    expect(turnaroundHours(sent, undefined)).toBeNull();
    expect(turnaroundHours(sent, after(-2))).toBe(0);
  });
});

describe("turnaroundStats", () => {
  it("is empty with nulls when nothing was decided", () => {
    expect(turnaroundStats([])).toEqual({ count: 0, averageHours: null, medianHours: null });
    expect(turnaroundStats([{ sentAt: sent, decidedAt: null }])).toEqual({ count: 0, averageHours: null, medianHours: null });
  });

  it("takes the middle value for an odd count, whatever the input order", () => {
    const pairs = [10, 1, 4].map((h) => ({ sentAt: sent, decidedAt: after(h) }));
    expect(turnaroundStats(pairs)).toEqual({ count: 3, averageHours: 5, medianHours: 4 });
  });

  it("averages the two middle values for an even count and skips undecided ones", () => {
    const pairs = [
      { sentAt: sent, decidedAt: after(8) },
      { sentAt: sent, decidedAt: null },
      { sentAt: sent, decidedAt: after(2) },
      { sentAt: sent, decidedAt: after(30) },
      { sentAt: sent, decidedAt: after(4) },
    ];
    expect(turnaroundStats(pairs)).toEqual({ count: 4, averageHours: 11, medianHours: 6 });
  });
});

describe("isStuck", () => {
  const now = new Date("2026-05-20T12:00:00Z");
  it("is true only past the default 7 days", () => {
    expect(isStuck(new Date("2026-05-13T11:59:59Z"), now)).toBe(true);
    expect(isStuck(new Date("2026-05-13T12:00:00Z"), now)).toBe(false);
    expect(isStuck(new Date("2026-05-19T12:00:00Z"), now)).toBe(false);
  });

  it("honours a custom number of days and matches the cutoff", () => {
    expect(isStuck(new Date("2026-05-16T12:00:00Z"), now, 3)).toBe(true);
    expect(stuckCutoff(now, 3).toISOString()).toBe("2026-05-17T12:00:00.000Z");
  });
});
