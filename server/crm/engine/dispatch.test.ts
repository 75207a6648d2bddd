import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { logger } from "@/server/logger";
import { inlineFallbackCounts, resetInlineFallbackCounts } from "@/server/ops/send-or-run-inline";
import { dispatchPull, dispatchSyncWork } from "./dispatch";

beforeEach(() => {
  resetInlineFallbackCounts();
  delete process.env.BACKGROUND_JOBS;
});
afterEach(() => vi.restoreAllMocks());

describe("CRM wake-ups", () => {
  it("hand each connection to Inngest as one event and run nothing here when the send works", async () => {
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["a", "b"] } as never);
    await dispatchSyncWork(["conn-1", "conn-2"], "run-9");
    await dispatchPull("conn-3");
    const events = send.mock.calls.flatMap(([payload]) => (Array.isArray(payload) ? payload : [payload])) as Array<{ name: string; data: unknown }>;
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ["crm/sync.requested", { connectionId: "conn-1", runId: "run-9" }],
      ["crm/sync.requested", { connectionId: "conn-2", runId: "run-9" }],
      ["crm/pull.requested", { connectionId: "conn-3" }],
    ]);
    expect(inlineFallbackCounts()).toEqual({});
  });

  it("fall back to in-process work as a counted warning, like every other hand-off, when the send fails", async () => {
    vi.spyOn(inngest, "send").mockRejectedValue(new Error("connect ECONNREFUSED 127.0.0.1:8288"));
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    // The local pull of a connection that does not exist fails and is logged, not thrown.
    const failedPull = new Promise<void>((resolve) =>
      vi.spyOn(logger, "error").mockImplementation((event) => {
        if (event === "crm.local_pull_failed") resolve();
      }),
    );
    await dispatchPull("no-such-connection");
    await failedPull;
    expect(inlineFallbackCounts()).toEqual({ "crm.pull": 1 });
    expect(warn).toHaveBeenCalledWith("jobs.inline_fallback", expect.objectContaining({ kind: "crm.pull", count: 1 }));
  });
});
