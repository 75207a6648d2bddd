import { describe, expect, it } from "vitest";
import { fakeSummaryFor, startFakeOpenAI } from "./fake-openai-server";

const chat = { model: "m", messages: [{ role: "user", content: "Ticket: TCK-1\nSubject: Fix the door\n" }] };
const post = (url: string, body: unknown, auth = "Bearer sk-1") =>
  fetch(`${url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: auth }, body: JSON.stringify(body) });

describe("fake OpenAI server", () => {
  it("answers five bullets that mention the subject and records the request", async () => {
    const fake = await startFakeOpenAI();
    try {
      expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const res = await post(fake.url, chat);
      const json = (await res.json()) as { choices: Array<{ message: { content: string } }> };
      const content = json.choices[0]?.message.content ?? "";
      expect(content).toBe(fakeSummaryFor(chat));
      expect(content.split("\n")).toHaveLength(5);
      expect(content).toContain("Fix the door");
      expect(fake.requests).toEqual([{ method: "POST", path: "/v1/chat/completions", authorization: "Bearer sk-1", body: chat }]);
    } finally {
      await fake.close();
    }
  });

  it("refuses a missing key like OpenAI does", async () => {
    const fake = await startFakeOpenAI();
    try {
      expect((await post(fake.url, chat, "")).status).toBe(401);
    } finally {
      await fake.close();
    }
  });

  it("switches modes over HTTP and through setMode", async () => {
    const fake = await startFakeOpenAI();
    try {
      const base = fake.url.replace(/\/v1$/, "");
      expect((await fetch(`${base}/__fake/mode`, { method: "POST", body: JSON.stringify({ mode: "error" }) })).status).toBe(200);
      expect((await post(fake.url, chat)).status).toBe(500);
      fake.setMode("garbage");
      const garbage = await post(fake.url, chat);
      expect(garbage.status).toBe(200);
      await expect(garbage.json()).rejects.toThrow();
      expect((await fetch(`${base}/__fake/mode`, { method: "POST", body: JSON.stringify({ mode: "nope" }) })).status).toBe(400);
      const listed = (await (await fetch(`${base}/__fake/requests`)).json()) as { requests: unknown[] };
      expect(listed.requests).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it("closes cleanly while a slow request is still hanging", async () => {
    const fake = await startFakeOpenAI({ mode: "slow" });
    const hanging = post(fake.url, chat).then((res) => res.text());
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await fake.close();
    await expect(hanging).rejects.toThrow();
  });
});
