import { describe, expect, it } from "vitest";
import { TICKET_NUMBER_ALPHABET, generateTicketNumber, isTicketNumber, normalizeTicketNumber } from "./ticket-number";

describe("generateTicketNumber", () => {
  it("is TCK- plus 12 characters from an alphabet without 0, O, 1 or I", () => {
    expect(TICKET_NUMBER_ALPHABET).toHaveLength(32);
    for (const c of "0O1I") expect(TICKET_NUMBER_ALPHABET).not.toContain(c);
    for (let i = 0; i < 200; i++) {
      const n = generateTicketNumber();
      expect(n).toMatch(/^TCK-[2-9A-HJ-NP-Z]{12}$/);
      expect(isTicketNumber(n)).toBe(true);
    }
  });

  it("draws 10,000 distinct numbers using every symbol", () => {
    const seen = new Set<string>();
    const symbols = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const n = generateTicketNumber();
      seen.add(n);
      for (const c of n.slice(4)) symbols.add(c);
    }
    expect(seen.size).toBe(10_000);
    // 120,000 symbols drawn: a missing one would mean a biased or broken mapping.
    expect([...symbols].sort().join("")).toBe([...TICKET_NUMBER_ALPHABET].sort().join(""));
  });
});

describe("isTicketNumber / normalizeTicketNumber", () => {
  it("rejects near misses", () => {
    expect(isTicketNumber("TCK-7KQ4MZ2XHD9P")).toBe(true);
    expect(isTicketNumber("tck-7kq4mz2xhd9p")).toBe(false);
    expect(isTicketNumber("TCK-7KQ4MZ2XHD9")).toBe(false);
    expect(isTicketNumber("TCK-7KQ4MZ2XHD9PP")).toBe(false);
    expect(isTicketNumber("TCK-7KQ4MZ2XHD0P")).toBe(false);
    expect(isTicketNumber("TCK-7KQ4MZ2XHDOP")).toBe(false);
    expect(isTicketNumber("7KQ4MZ2XHD9P")).toBe(false);
    expect(isTicketNumber(" TCK-7KQ4MZ2XHD9P")).toBe(false);
    expect(isTicketNumber(42)).toBe(false);
  });

  it("normalises what people type", () => {
    expect(normalizeTicketNumber(" tck-7kq4mz2xhd9p ")).toBe("TCK-7KQ4MZ2XHD9P");
    expect(normalizeTicketNumber("7kq4mz2xhd9p")).toBe("TCK-7KQ4MZ2XHD9P");
    expect(normalizeTicketNumber("TCK-7KQ4")).toBeNull();
    expect(normalizeTicketNumber("printer broken")).toBeNull();
  });
});
