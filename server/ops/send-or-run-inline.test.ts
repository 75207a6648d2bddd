import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/server/config";
import { logger } from "@/server/logger";
import { inlineFallbackCounts, resetInlineFallbackCounts, sendOrRunInline } from "./send-or-run-inline";

beforeEach(() => resetInlineFallbackCounts());
afterEach(() => {
  delete process.env.BACKGROUND_JOBS;
  resetConfigForTests();
  vi.restoreAllMocks();
});

describe("sendOrRunInline", () => {
  it("runs nothing inline when the send succeeds", async () => {
    const inline = vi.fn();
    await sendOrRunInline("test.ok", async () => ({ ids: ["1"] }), inline);
    expect(inline).not.toHaveBeenCalled();
    expect(inlineFallbackCounts()).toEqual({});
  });

  it("runs the work inline when the send fails, warning with a running count per kind", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    const inline = vi.fn();
    const failing = () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:8288"));
    await sendOrRunInline("mail.outbox", failing, inline);
    await sendOrRunInline("mail.outbox", failing, inline);
    await sendOrRunInline("billing.webhooks", failing, inline);
    expect(inline).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenLastCalledWith("jobs.inline_fallback", {
      kind: "billing.webhooks",
      count: 1,
      total: 3,
      reason: "connect ECONNREFUSED 127.0.0.1:8288",
    });
    expect(warn.mock.calls[1]![1]).toMatchObject({ kind: "mail.outbox", count: 2 });
    expect(inlineFallbackCounts()).toEqual({ "mail.outbox": 2, "billing.webhooks": 1 });
  });

  it("with BACKGROUND_JOBS=inline does not try Inngest and does not warn", async () => {
    process.env.BACKGROUND_JOBS = "inline";
    resetConfigForTests();
    const warn = vi.spyOn(logger, "warn");
    const send = vi.fn();
    const inline = vi.fn();
    await sendOrRunInline("audit.burst-check", send, inline);
    expect(send).not.toHaveBeenCalled();
    expect(inline).toHaveBeenCalledOnce();
    expect(warn).not.toHaveBeenCalled();
    expect(inlineFallbackCounts()).toEqual({ "audit.burst-check": 1 });
  });

  it("passes an inline failure on to the caller", async () => {
    vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    await expect(
      sendOrRunInline("test.fail", () => Promise.reject(new Error("down")), () => Promise.reject(new Error("inline broke"))),
    ).rejects.toThrow("inline broke");
  });
});
