import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAIServer } from "@/e2e/fakes/openai/fake-openai-server";
import type { AiConfig } from "@/server/ai/ai-env";
import { db } from "@/server/db";
import { unsafeDraftApprovalSummaries } from "./draft-summaries";
import { FALLBACK_NOTES } from "./fallback-summary";
import { OVERALL_TIMEOUT_NOTE } from "./generate-summaries";
import { SUMMARY_NOTES, SUMMARY_PROMPT_MAX_CHARS } from "./summary-prompt";
import { createClientWithOwner, createTestTicket } from "./testing/approval-fixtures";

let fake: FakeOpenAIServer;
let ai: AiConfig;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  ai = { baseUrl: fake.url, apiKey: "sk-draft-test", model: "gpt-4o-mini", timeoutMs: 1_500 };
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.setMode("ok");
  fake.requests.length = 0;
});

type SentPrompt = { messages: Array<{ role: string; content: string }> };
const sentChars = (i: number) => (fake.requests[i]?.body as SentPrompt).messages.reduce((n, m) => n + m.content.length, 0);

describe("unsafeDraftApprovalSummaries against a local OpenAI-style server", () => {
  it("drafts the five bullets from the ticket's public content, never internal notes", async () => {
    const org = await createClientWithOwner();
    const ticket = await createTestTicket(org.id, { subject: "Warehouse VPN" });
    await db.ticketMessage.create({
      data: { ticketId: ticket.id, organisationId: org.id, authorKind: "agent", authorName: "Sam", visibility: "internal", body: "INTERNAL: margin is 40%" },
    });
    const result = await unsafeDraftApprovalSummaries(db, [ticket.id], ai);
    expect(result.aiEnabled).toBe(true);
    expect(result.summaries).toHaveLength(1);
    expect(result.summaries[0]?.summary.split("\n")).toHaveLength(5);
    expect(result.summaries[0]?.summary).toContain('"Warehouse VPN"');
    expect(result.summaries[0]?.note).toBeUndefined();
    const sent = JSON.stringify(fake.requests[0]?.body);
    expect(sent).toContain("Warehouse VPN");
    expect(sent).not.toContain("INTERNAL: margin");
    expect(fake.requests[0]?.authorization).toBe("Bearer sk-draft-test");
  });

  it("keeps the prompt under the cap for a ticket with 200 messages", async () => {
    const org = await createClientWithOwner();
    const ticket = await createTestTicket(org.id, { replies: 200 });
    await unsafeDraftApprovalSummaries(db, [ticket.id], ai);
    expect(fake.requests).toHaveLength(1);
    expect(sentChars(0)).toBeLessThanOrEqual(SUMMARY_PROMPT_MAX_CHARS);
    const user = (fake.requests[0]?.body as SentPrompt).messages.find((m) => m.role === "user")!.content;
    expect(user).toContain("Reply number 200");
    expect(user).toMatch(/earlier messages? omitted/);
  });

  it("falls back to a prefilled brief with a note when the endpoint errors", async () => {
    const org = await createClientWithOwner();
    const ticket = await createTestTicket(org.id);
    fake.setMode("error");
    const result = await unsafeDraftApprovalSummaries(db, [ticket.id], ai);
    expect(result.summaries[0]).toEqual({
      ticketId: ticket.id,
      summary: expect.stringMatching(/^• The ask: /),
      note: `${SUMMARY_NOTES.http_error.replace(" Write a short brief yourself.", "")} ${FALLBACK_NOTES.failed}`,
    });
  });

  it("falls back when the endpoint times out", async () => {
    const org = await createClientWithOwner();
    const ticket = await createTestTicket(org.id);
    fake.setMode("slow");
    const result = await unsafeDraftApprovalSummaries(db, [ticket.id], { ...ai, timeoutMs: 300 });
    expect(result.summaries[0]).toMatchObject({ ticketId: ticket.id, note: `${SUMMARY_NOTES.timeout.replace(" Write a short brief yourself.", "")} ${FALLBACK_NOTES.failed}` });
    expect(result.summaries[0]?.summary).toMatch(/^• The ask: /);
  });

  it("sends nothing without a key and prefills the brief from the description and public thread", async () => {
    const org = await createClientWithOwner();
    const ticket = await createTestTicket(org.id, { subject: "Second line for the depot", replies: 3 });
    await db.ticketMessage.create({
      data: { ticketId: ticket.id, organisationId: org.id, authorKind: "agent", authorName: "Sam", visibility: "internal", body: "INTERNAL: margin is 40%" },
    });
    const result = await unsafeDraftApprovalSummaries(db, [ticket.id], { ...ai, apiKey: null });
    expect(result.aiEnabled).toBe(false);
    const draft = result.summaries[0]!;
    expect(draft.note).toBe(FALLBACK_NOTES.no_key);
    const lines = draft.summary.split("\n");
    expect(lines[0]).toMatch(/^• The ask: \S/);
    // The two newest public replies, never the internal note.
    expect(lines).toHaveLength(3);
    expect(draft.summary).toContain("Reply number 3");
    expect(draft.summary).not.toContain("INTERNAL");
    expect(fake.requests).toHaveLength(0);
  });

  it("drafts a bulk selection in input order and stops at the overall limit", async () => {
    const org = await createClientWithOwner();
    const tickets = [];
    for (const subject of ["Alpha", "Beta", "Gamma"]) tickets.push(await createTestTicket(org.id, { subject }));
    const ok = await unsafeDraftApprovalSummaries(db, tickets.map((t) => t.id), ai);
    expect(ok.summaries.map((s) => s.ticketId)).toEqual(tickets.map((t) => t.id));
    ["Alpha", "Beta", "Gamma"].forEach((subject, i) => expect(ok.summaries[i]?.summary).toContain(`"${subject}"`));

    fake.setMode("slow");
    const late = await unsafeDraftApprovalSummaries(db, tickets.map((t) => t.id), { ...ai, timeoutMs: 5_000 }, { overallTimeoutMs: 300 });
    const lateNote = `${OVERALL_TIMEOUT_NOTE.replace(" Write a short brief yourself.", "")} ${FALLBACK_NOTES.failed}`;
    expect(late.summaries.map((s) => s.note)).toEqual([lateNote, lateNote, lateNote]);
  });
});
