import { describe, expect, it } from "vitest";
import { describePageRange, getPageRange } from "./pagination";

describe("getPageRange", () => {
  it("covers the rows of a middle page", () => {
    expect(getPageRange({ page: 2, pageSize: 25, total: 60 })).toEqual({
      from: 26,
      to: 50,
      pageCount: 3,
      hasPrevious: true,
      hasNext: true,
    });
  });

  it("treats an empty list as one empty page with nowhere to go", () => {
    expect(getPageRange({ page: 1, pageSize: 25, total: 0 })).toEqual({
      from: 0,
      to: 0,
      pageCount: 1,
      hasPrevious: false,
      hasNext: false,
    });
  });

  it("lets a page past the end go back but not forward", () => {
    const range = getPageRange({ page: 9, pageSize: 10, total: 40 });
    expect(range).toMatchObject({ from: 0, to: 0, pageCount: 4, hasPrevious: true, hasNext: false });
    expect(describePageRange({ page: 9, pageSize: 10, total: 40 })).toBe("Showing 0 of 40");
  });

  it("describes exact multiples and single rows", () => {
    expect(describePageRange({ page: 4, pageSize: 10, total: 40 })).toBe("Showing 31–40 of 40");
    expect(describePageRange({ page: 1, pageSize: 10, total: 1 })).toBe("Showing 1–1 of 1");
    expect(describePageRange({ page: 1, pageSize: 10, total: 0 })).toBe("No results");
  });
});
