import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeOpenAI, type FakeOpenAIServer } from "@/e2e/fakes/openai/fake-openai-server";
import { chatCompletionsUrl, createChatCompletion, parseCompletion } from "./chat-completion";

const KEY = "sk-test-secret-key-123";
const messages = [
  { role: "system" as const, content: "You summarise." },
  { role: "user" as const, content: "Subject: Replace the office printer\nPlease." },
];

let fake: FakeOpenAIServer;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.setMode("ok");
  fake.requests.length = 0;
});

const call = (over: Partial<Parameters<typeof createChatCompletion>[0]> = {}) =>
  createChatCompletion({ baseUrl: fake.url, apiKey: KEY, model: "gpt-4o-mini", messages, timeoutMs: 2_000, ...over });

describe("createChatCompletion", () => {
  it("posts an OpenAI-shaped request with Bearer auth and returns the text", async () => {
    const result = await call({ maxTokens: 123, temperature: 0.1 });
    expect(result).toMatchObject({ ok: true, model: "gpt-4o-mini" });
    if (!result.ok) throw new Error("expected ok");
    expect(result.text).toContain("Replace the office printer");
    expect(result.usage?.totalTokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.path).toBe("/v1/chat/completions");
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests[0]?.body).toEqual({ model: "gpt-4o-mini", messages, max_tokens: 123, temperature: 0.1 });
  });

  it("accepts a base URL with a trailing slash", async () => {
    expect(chatCompletionsUrl("http://x/v1/")).toBe("http://x/v1/chat/completions");
    expect((await call({ baseUrl: `${fake.url}/` })).ok).toBe(true);
  });

  it.each([undefined, null, "", "   "])("with key %j returns no_key and makes no request", async (apiKey) => {
    const fetchImpl = vi.fn<typeof fetch>();
    const result = await call({ apiKey, fetchImpl });
    expect(result).toMatchObject({ ok: false, reason: "no_key" });
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(fake.requests).toHaveLength(0);
  });

  it("reports an HTTP error with its status, without the key", async () => {
    fake.setMode("error");
    const result = await call();
    expect(result).toMatchObject({ ok: false, reason: "http_error", status: 500 });
    if (result.ok) throw new Error("expected failure");
    expect(result.message).toContain("500");
    expect(result.message).not.toContain(KEY);
  });

  it("reports a timeout when the server hangs", async () => {
    fake.setMode("slow");
    const result = await call({ timeoutMs: 150 });
    expect(result).toMatchObject({ ok: false, reason: "timeout" });
  });

  it("reports a timeout even when a custom fetch ignores the abort signal", async () => {
    const fetchImpl: typeof fetch = () => new Promise<Response>(() => {});
    expect(await call({ timeoutMs: 50, fetchImpl })).toMatchObject({ ok: false, reason: "timeout" });
  });

  it("stops when the caller's signal aborts", async () => {
    fake.setMode("slow");
    const controller = new AbortController();
    const pending = call({ timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, reason: "timeout" });
  });

  it("reports garbage as bad_response", async () => {
    fake.setMode("garbage");
    expect(await call()).toMatchObject({ ok: false, reason: "bad_response" });
  });

  it("reports a refused connection as network", async () => {
    const closed = await startFakeOpenAI();
    const url = closed.url;
    await closed.close();
    expect(await call({ baseUrl: url })).toMatchObject({ ok: false, reason: "network" });
  });

  it("keeps provider error text out of the message (it can echo the key)", async () => {
    const fetchImpl: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}`, code: "invalid_api_key" } }), { status: 401 });
    const result = await call({ fetchImpl });
    expect(result).toMatchObject({ ok: false, reason: "http_error", status: 401 });
    if (result.ok) throw new Error("expected failure");
    expect(result.message).toContain("invalid_api_key");
    expect(result.message).not.toContain(KEY);
  });
});

describe("parseCompletion", () => {
  it("accepts content given as text parts and falls back to the requested model", () => {
    const raw = JSON.stringify({ choices: [{ message: { content: [{ type: "text", text: "a" }, { type: "text", text: "b" }] } }] });
    expect(parseCompletion(raw, "m")).toEqual({ ok: true, text: "ab", model: "m" });
  });

  it.each([
    ["no choices", { choices: [] }],
    ["no message", { choices: [{}] }],
    ["empty text", { choices: [{ message: { content: "  " } }] }],
    ["non-string content", { choices: [{ message: { content: 42 } }] }],
  ])("rejects %s", (_label, body) => {
    expect(parseCompletion(JSON.stringify(body), "m")).toMatchObject({ ok: false, reason: "bad_response" });
  });
});
