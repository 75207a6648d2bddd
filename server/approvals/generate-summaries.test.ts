import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAIServer } from "@/e2e/fakes/openai/fake-openai-server";
import { generateSummaries, OVERALL_TIMEOUT_NOTE, SUMMARY_FAILED_NOTE } from "./generate-summaries";
import { summarizeTicket, type TicketSummary } from "./summary-prompt";

const tickets = (n: number) => Array.from({ length: n }, (_, i) => ({ ticketId: `t${i}` }));

/** A summarizer whose calls stay open until the test settles them. */
function controllable() {
  let inFlight = 0;
  let maxInFlight = 0;
  const started: string[] = [];
  const pending = new Map<string, (s: TicketSummary) => void>();
  const summarize = (t: { ticketId: string }) =>
    new Promise<TicketSummary>((resolve) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      started.push(t.ticketId);
      pending.set(t.ticketId, (s) => {
        inFlight -= 1;
        pending.delete(t.ticketId);
        resolve(s);
      });
    });
  return { summarize, started, pending, max: () => maxInFlight };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("generateSummaries", () => {
  it("runs at most 5 at a time and returns results in input order", async () => {
    const c = controllable();
    const done = generateSummaries(tickets(12), c.summarize, { concurrency: 5, overallTimeoutMs: 10_000 });
    await tick();
    expect(c.started).toHaveLength(5);
    // Finish in reverse order to prove the output keeps input order.
    while (c.pending.size > 0) {
      const ids = [...c.pending.keys()].reverse();
      for (const id of ids) c.pending.get(id)?.({ summary: `summary of ${id}` });
      await tick();
    }
    const results = await done;
    expect(c.max()).toBe(5);
    expect(results.map((r) => r.ticketId)).toEqual(tickets(12).map((t) => t.ticketId));
    expect(results.every((r) => r.summary === `summary of ${r.ticketId}` && r.note === undefined)).toBe(true);
  });

  it("never exceeds 5 even when asked for more", async () => {
    const c = controllable();
    const done = generateSummaries(tickets(9), c.summarize, { concurrency: 50, overallTimeoutMs: 10_000 });
    await tick();
    expect(c.started).toHaveLength(5);
    while (c.pending.size > 0) {
      for (const resolve of [...c.pending.values()]) resolve({ summary: "x" });
      await tick();
    }
    await done;
    expect(c.max()).toBe(5);
  });

  it("returns at the overall limit with notes for unfinished tickets, and starts no more", async () => {
    const c = controllable();
    const done = generateSummaries(tickets(8), c.summarize, { concurrency: 5, overallTimeoutMs: 100 });
    await tick();
    c.pending.get("t1")?.({ summary: "quick one" });
    // The other calls never settle: without the limit this await would hang.
    const results = await done;
    expect(results[1]).toEqual({ ticketId: "t1", summary: "quick one" });
    const unfinished = results.filter((r) => r.ticketId !== "t1");
    expect(unfinished).toHaveLength(7);
    expect(unfinished.every((r) => r.summary === "" && r.note === OVERALL_TIMEOUT_NOTE)).toBe(true);
    expect(c.started).toHaveLength(6); // 5 at first, 1 more after t1 finished, none after the limit
  });

  it("passes a signal that fires at the limit", async () => {
    let seen: AbortSignal | undefined;
    await generateSummaries(
      tickets(1),
      (_t, signal) => {
        seen = signal;
        return new Promise(() => {});
      },
      { overallTimeoutMs: 20 },
    );
    expect(seen?.aborted).toBe(true);
  });

  it("keeps notes from the summarizer and turns rejections into notes", async () => {
    const results = await generateSummaries(
      tickets(3),
      async (t) => {
        if (t.ticketId === "t0") throw new Error("boom");
        if (t.ticketId === "t1") return { summary: "", note: "AI summaries are off" };
        return { summary: "fine" };
      },
      { overallTimeoutMs: 5_000 },
    );
    expect(results).toEqual([
      { ticketId: "t0", summary: "", note: SUMMARY_FAILED_NOTE },
      { ticketId: "t1", summary: "", note: "AI summaries are off" },
      { ticketId: "t2", summary: "fine" },
    ]);
  });

  it("handles an empty selection", async () => {
    expect(await generateSummaries([], async () => ({ summary: "x" }), { overallTimeoutMs: 10 })).toEqual([]);
  });
});

describe("generateSummaries with summarizeTicket and a hanging AI service", () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ mode: "slow" });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("returns at the overall limit and cancels the open requests", async () => {
    const inputs = Array.from({ length: 7 }, (_, i) => ({
      ticketId: `t${i}`,
      ticketNumber: `TCK-${i}`,
      subject: `Subject ${i}`,
      description: "d",
      organisationLabel: "Entech",
      publicMessages: [],
    }));
    const results = await generateSummaries(
      inputs,
      (ticket, signal) => summarizeTicket(ticket, { baseUrl: fake.url, apiKey: "sk-x", model: "m", timeoutMs: 60_000, signal }),
      { concurrency: 5, overallTimeoutMs: 300 },
    );
    expect(results.map((r) => r.note)).toEqual(Array(7).fill(OVERALL_TIMEOUT_NOTE));
    expect(fake.requests.length).toBeLessThanOrEqual(5);
  });
});
