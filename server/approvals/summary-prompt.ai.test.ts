import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAIServer } from "@/e2e/fakes/openai/fake-openai-server";
import { SUMMARY_NOTES, summarizeTicket, type SummaryAiConfig, type TicketSummaryInput } from "./summary-prompt";

const KEY = "sk-approvals-test";
const ticket: TicketSummaryInput = {
  ticketNumber: "TCK-7",
  subject: "New VPN for the warehouse",
  description: "The warehouse needs remote access for two staff.",
  organisationLabel: "Entech",
  publicMessages: [{ author: "Kris", at: new Date(Date.UTC(2026, 4, 2)), body: "Budget is tight this month." }],
};

let fake: FakeOpenAIServer;
let ai: SummaryAiConfig;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  ai = { baseUrl: fake.url, apiKey: KEY, model: "gpt-4o-mini", timeoutMs: 2_000 };
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.setMode("ok");
  fake.requests.length = 0;
});

describe("summarizeTicket against a local OpenAI-style server", () => {
  it("returns the five bullets and sends only the built prompt", async () => {
    const result = await summarizeTicket(ticket, ai);
    expect(result.note).toBeUndefined();
    expect(result.summary.split("\n")).toHaveLength(5);
    expect(result.summary).toContain("New VPN for the warehouse");
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${KEY}`);
    const body = fake.requests[0]?.body as { model: string; messages: Array<{ role: string; content: string }> };
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(body.messages[1]?.content).toContain("Budget is tight this month.");
  });

  it("gives an empty summary with a note when the endpoint errors", async () => {
    fake.setMode("error");
    expect(await summarizeTicket(ticket, ai)).toEqual({ summary: "", note: SUMMARY_NOTES.http_error });
  });

  it("gives an empty summary with a note when the endpoint times out", async () => {
    fake.setMode("slow");
    const result = await summarizeTicket(ticket, { ...ai, timeoutMs: 150 });
    expect(result).toEqual({ summary: "", note: SUMMARY_NOTES.timeout });
    expect(result.note).toMatch(/did not answer in time/);
  });

  it("gives an empty summary with a note when the endpoint returns garbage", async () => {
    fake.setMode("garbage");
    expect(await summarizeTicket(ticket, ai)).toEqual({ summary: "", note: SUMMARY_NOTES.bad_response });
  });

  it("gives an empty summary with a note when the endpoint is unreachable", async () => {
    const gone = await startFakeOpenAI();
    await gone.close();
    expect(await summarizeTicket(ticket, { ...ai, baseUrl: gone.url })).toEqual({ summary: "", note: SUMMARY_NOTES.network });
  });

  it.each([undefined, null, "", "  "])("sends nothing at all when the key is %j", async (apiKey) => {
    const result = await summarizeTicket(ticket, { ...ai, apiKey });
    expect(result).toEqual({ summary: "", note: "AI summaries are off: no API key configured. Write a short brief yourself." });
    expect(fake.requests).toHaveLength(0);
  });

  it("turns an empty-looking answer into a note", async () => {
    const blank = await startFakeOpenAI({ reply: "```\n```" });
    try {
      expect(await summarizeTicket(ticket, { ...ai, baseUrl: blank.url })).toEqual({ summary: "", note: SUMMARY_NOTES.empty });
    } finally {
      await blank.close();
    }
  });
});
