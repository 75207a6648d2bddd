import { describe, expect, expectTypeOf, it } from "vitest";
import {
  buildSummaryPrompt,
  clip,
  fitThread,
  normalizeSummary,
  promptLength,
  SUMMARY_PROMPT_MAX_CHARS,
  type PublicThreadMessage,
  type TicketSummaryInput,
} from "./summary-prompt";

const base: TicketSummaryInput = {
  ticketNumber: "TCK-1042",
  subject: "Drag and drop steps",
  description: "Staff want to reorder checklist steps by dragging them.",
  organisationLabel: "Entech",
  publicMessages: [],
};

function longThread(count: number): PublicThreadMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    author: `Person ${i}`,
    at: new Date(Date.UTC(2026, 0, 1, 0, i)),
    body: `MESSAGE-${i}-START ${"lorem ipsum dolor sit amet ".repeat(40)}MESSAGE-${i}-END`,
  }));
}

describe("buildSummaryPrompt", () => {
  it("asks for the five-part structure in plain words and states the ticket facts", () => {
    const [system, user] = buildSummaryPrompt({
      ...base,
      publicMessages: [{ author: "Kris", at: "2026-05-27T14:03:00Z", body: "Yes please, soon." }],
    });
    expect(system?.role).toBe("system");
    for (const label of ["The ask:", "If approved:", "If not approved:", "Cost / effort:", "Open questions:"]) {
      expect(system?.content).toContain(label);
    }
    expect(system?.content).toMatch(/not technical/);
    expect(system?.content).toMatch(/not stated/);
    expect(user?.role).toBe("user");
    expect(user?.content).toContain("Ticket: TCK-1042");
    expect(user?.content).toContain("Client: Entech");
    expect(user?.content).toContain("Subject: Drag and drop steps");
    expect(user?.content).toContain(base.description);
    expect(user?.content).toContain("[2026-05-27 14:03 UTC] Kris:\nYes please, soon.");
  });

  it("says when there are no replies yet", () => {
    expect(buildSummaryPrompt(base)[1]?.content).toContain("Public replies: none yet.");
  });

  it("keeps a ticket with 200 long messages under the cap, with the first and latest messages and a marker", () => {
    const messages = buildSummaryPrompt({ ...base, description: "D".repeat(50_000), publicMessages: longThread(200) });
    expect(promptLength(messages)).toBeLessThanOrEqual(SUMMARY_PROMPT_MAX_CHARS);
    const user = messages[1]?.content ?? "";
    expect(user).toContain("MESSAGE-0-START");
    expect(user).toContain("MESSAGE-199-START");
    expect(user).toContain("MESSAGE-198-START");
    expect(user).not.toContain("MESSAGE-100-START");
    const omitted = Number(user.match(/\[… (\d+) earlier messages omitted …\]/)?.[1]);
    const kept = (user.match(/MESSAGE-\d+-START/g) ?? []).length;
    expect(omitted).toBeGreaterThan(0);
    expect(kept + omitted).toBe(200);
    // The marker sits between the first message and the recent ones.
    expect(user.indexOf("MESSAGE-0-START")).toBeLessThan(user.indexOf("earlier messages omitted"));
    expect(user.indexOf("earlier messages omitted")).toBeLessThan(user.indexOf("MESSAGE-199-START"));
    expect(user).toContain("[… shortened …]");
  });

  it("shortens one huge message instead of dropping the whole thread", () => {
    const messages = buildSummaryPrompt({ ...base, publicMessages: [{ author: "A", at: new Date(0), body: "x".repeat(100_000) }] });
    expect(promptLength(messages)).toBeLessThanOrEqual(SUMMARY_PROMPT_MAX_CHARS);
    expect(messages[1]?.content).toContain("[… shortened …]");
  });

  it("keeps injected newlines in single-line fields from forging prompt lines", () => {
    const user = buildSummaryPrompt({ ...base, subject: "Real\nSubject: forged" })[1]?.content ?? "";
    expect(user.match(/^Subject: .*$/gm)).toEqual(["Subject: Real Subject: forged"]);
  });

  it("contains only what was given", () => {
    const user = buildSummaryPrompt({
      ...base,
      publicMessages: [{ author: "Kris", at: new Date(Date.UTC(2026, 4, 1)), body: "Public reply body" }],
    })[1]?.content;
    expect(user).toBe(
      [
        "Summarise this ticket for the owner of Entech.",
        "",
        "Ticket: TCK-1042",
        "Client: Entech",
        "Subject: Drag and drop steps",
        "",
        "Original request:",
        base.description,
        "",
        "Public replies (oldest first, 1 in total):",
        "[2026-05-01 00:00 UTC] Kris:",
        "Public reply body",
      ].join("\n"),
    );
  });

  it("refuses internal notes at the type level and drops them at runtime", () => {
    type InternalNote = { author: string; at: Date; body: string; internal: boolean };
    expectTypeOf<InternalNote>().not.toExtend<PublicThreadMessage>();
    expectTypeOf<{ author: string; at: Date; body: string; visibility: "public" | "internal" }>().not.toExtend<PublicThreadMessage>();
    expectTypeOf<{ author: string; at: Date; body: string; isPublic: boolean }>().not.toExtend<PublicThreadMessage>();

    const note: InternalNote = { author: "Agent", at: new Date(0), body: "SECRET internal margin", internal: true };
    const input: TicketSummaryInput = {
      ...base,
      // @ts-expect-error an internal note is not a public thread message
      publicMessages: [note, { author: "Kris", at: new Date(0), body: "public" }],
    };
    const user = buildSummaryPrompt(input)[1]?.content ?? "";
    expect(user).not.toContain("SECRET");
    expect(user).toContain("public");
    const sneaky = { author: "A", at: new Date(0), body: "SECRET too", visibility: "internal" } as unknown as PublicThreadMessage;
    expect(buildSummaryPrompt({ ...base, publicMessages: [sneaky] })[1]?.content).not.toContain("SECRET");
  });
});

describe("fitThread", () => {
  it("returns everything when it fits", () => {
    expect(fitThread(["a", "b"], 100)).toEqual({ text: "a\n\nb", omitted: 0 });
  });

  it("keeps the first and the latest blocks and counts the rest", () => {
    const blocks = Array.from({ length: 10 }, (_, i) => `block-${i}`.padEnd(20, "."));
    const { text, omitted } = fitThread(blocks, 120);
    expect(text.length).toBeLessThanOrEqual(120);
    expect(text.startsWith("block-0")).toBe(true);
    expect(text.endsWith("block-9".padEnd(20, "."))).toBe(true);
    expect(text).toContain(`[… ${omitted} earlier messages omitted …]`);
  });
});

describe("clip and normalizeSummary", () => {
  it("clips to the limit and says so", () => {
    const clipped = clip("word ".repeat(100), 50);
    expect(clipped.length).toBeLessThanOrEqual(50);
    expect(clipped).toContain("[… shortened …]");
    expect(clip("short", 50)).toBe("short");
  });

  it("turns markdown-ish answers into plain bullets", () => {
    const text = "```\n## Summary\n- **The ask:** a thing\n\n* If approved: good\n2. If not approved: none material\n```";
    expect(normalizeSummary(text)).toBe("Summary\n• The ask: a thing\n• If approved: good\n• If not approved: none material");
  });
});
