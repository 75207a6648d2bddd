import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../connector-http";
import { RateLimitPacer, parseRateLimitHeaders, resetToEpochMs } from "./vtiger-rate-limit";
import { mapVtigerError, missingFieldsFromMessage } from "./vtiger-errors";

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const headers = (h: Record<string, string>) => new Headers(h);

describe("rate-limit headers", () => {
  it("reads Vtiger's flood-control and quota headers, including the MinuteLimit/DailyLimit spelling", () => {
    const s = parseRateLimitHeaders(
      headers({ "X-FloodControl-MinuteLimit": "60", "X-FloodControl-Remaining": "12", "X-FloodControl-Reset": String(NOW / 1000 + 30), "X-RateLimit-DailyLimit": "5000", "X-RateLimit-Remaining": "4000" }),
      NOW,
    );
    expect(s.flood).toEqual({ limit: 60, remaining: 12, resetAtMs: NOW + 30_000 });
    expect(s.quota).toMatchObject({ limit: 5000, remaining: 4000 });
  });

  it("understands resets as epoch seconds, epoch ms or seconds from now", () => {
    expect(resetToEpochMs(1_800_000_000, NOW)).toBe(1_800_000_000_000);
    expect(resetToEpochMs(1_800_000_000_123, NOW)).toBe(1_800_000_000_123);
    expect(resetToEpochMs(42, NOW)).toBe(NOW + 42_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("7", NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW + 9000).toUTCString(), NOW)).toBe(9000);
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
  });

  it("the pacer waits only when a bucket is empty and its reset is ahead", () => {
    const p = new RateLimitPacer();
    expect(p.delayBeforeNextCall(NOW)).toBe(0);
    p.observe(headers({ "X-FloodControl-Remaining": "1", "X-FloodControl-Reset": String(NOW / 1000 + 20) }), NOW);
    expect(p.delayBeforeNextCall(NOW)).toBe(0);
    p.noteSent(); // the last call of the window is in flight
    expect(p.delayBeforeNextCall(NOW)).toBe(20_000);
    expect(p.delayBeforeNextCall(NOW + 25_000)).toBe(0);
  });

  it("a reserve keeps calls unspent", () => {
    const p = new RateLimitPacer(2);
    p.observe(headers({ "X-FloodControl-Remaining": "2", "X-FloodControl-Reset": String(NOW / 1000 + 10) }), NOW);
    expect(p.delayBeforeNextCall(NOW)).toBe(10_000);
  });
});

describe("Vtiger error mapping", () => {
  it("maps codes to kinds and retryability", () => {
    const cases: [string, string, boolean][] = [
      ["INVALID_USER_CREDENTIALS", "auth", false],
      ["INVALID_SESSIONID", "auth", false],
      ["ACCESS_DENIED", "permission", false],
      ["MANDATORY_FIELDS_MISSING", "validation", false],
      ["RECORD_NOT_FOUND", "not_found", false],
      ["UNKNOWN_OPERATION", "config", false],
      ["API_LIMIT_EXCEEDED", "rate_limited", true],
      ["DATABASE_QUERY_ERROR", "transient", true],
      ["SOMETHING_NEW", "transient", true],
    ];
    for (const [code, kind, retryable] of cases) {
      const e = mapVtigerError(code, "m", "create");
      expect([code, e.kind, e.retryable]).toEqual([code, kind, retryable]);
    }
  });

  it("treats ACCESS_DENIED for an unknown module name as a config problem", () => {
    expect(mapVtigerError("ACCESS_DENIED", "Permission to perform the operation is denied for name", "describe").kind).toBe("config");
  });

  it("names missing mandatory fields from either message style", () => {
    expect(missingFieldsFromMessage("Last Name (lastname) does not have a value")).toEqual(["lastname"]);
    expect(missingFieldsFromMessage("Mandatory Fields Missing: subject, due_date")).toEqual(["subject", "due_date"]);
    expect(mapVtigerError("MANDATORY_FIELDS_MISSING", "Last Name (lastname) does not have a value", "create").message).toContain("lastname");
  });
});
