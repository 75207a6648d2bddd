import { describe, expect, it } from "vitest";
import { escapeHtml, renderApprovalRequestEmail, type ApprovalEmailCard, type ApprovalEmailInput } from "./approval-email";

const card = (n: number, over: Partial<ApprovalEmailCard> = {}): ApprovalEmailCard => ({
  ticketNumber: `TCK-${n}`,
  subject: `Request number ${n}`,
  summary: `• The ask: thing ${n}\n• If approved: better`,
  fullRequest: {
    description: `Description ${n}`,
    publicMessages: [{ author: "Kris", at: new Date(Date.UTC(2026, 4, 2, 10)), body: `Reply on ${n}` }],
  },
  approveUrl: `https://app.example/approve/token-a${n}/approve`,
  rejectUrl: `https://app.example/approve/token-r${n}/reject`,
  ...over,
});

const base: ApprovalEmailInput = {
  ownerName: "Kris",
  agentName: "Gurpreet",
  note: "Please look at this one today.",
  organisationLabel: "Entech",
  brand: { name: "Nexa Systems", supportEmail: "support@nexa.example" },
  cards: [card(1)],
};

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("renderApprovalRequestEmail", () => {
  it("renders one request with greeting, note, summary, full request and two buttons", () => {
    const mail = renderApprovalRequestEmail(base);
    expect(mail.subject).toBe('Action needed: please review request "Request number 1"');
    expect(mail.html).toContain("Hi Kris,");
    expect(mail.html).toContain("Please look at this one today.");
    expect(mail.html).toContain("• The ask: thing 1<br>");
    expect(mail.html).toMatch(/<details[^>]*><summary[^>]*>Full request<\/summary>[\s\S]*Description 1[\s\S]*Reply on 1[\s\S]*<\/details>/);
    expect(count(mail.html, 'href="https://app.example/approve/token-a1/approve"')).toBe(1);
    expect(count(mail.html, 'href="https://app.example/approve/token-r1/reject"')).toBe(1);
    expect(mail.html).not.toContain("Request 1 of");
    expect(mail.text).toContain("Approve: https://app.example/approve/token-a1/approve");
    expect(mail.text).toContain("Reject:  https://app.example/approve/token-r1/reject");
    expect(mail.text).toContain("Reply on 1");
    expect(mail.text).toContain("Please look at this one today.");
  });

  it("escapes all user content", () => {
    const evil = '<script>alert("x")</script>';
    const mail = renderApprovalRequestEmail({
      ...base,
      ownerName: `Kris ${evil}`,
      agentName: `<b>Agent</b>`,
      note: `note ${evil}`,
      organisationLabel: `<i>Org</i>`,
      brand: { name: "<Brand>", supportEmail: 'a"b@x.example', accentColor: "red;background:url(x)" },
      cards: [
        card(1, {
          subject: `subject ${evil}`,
          summary: `summary ${evil}`,
          fullRequest: { description: `desc ${evil}`, publicMessages: [{ author: `<img src=x>`, at: new Date(0), body: `body ${evil}` }] },
          approveUrl: 'https://app.example/approve/a"onmouseover="x/approve',
        }),
        card(2),
      ],
    });
    expect(mail.html).not.toMatch(/<script|<img|<b>Agent|<i>Org|<Brand>|onmouseover="x/);
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("a&quot;b@x.example");
    expect(mail.html).not.toContain("url(x)");
    expect(mail.subject).toBe("Action needed: please review 2 requests from <i>Org</i>"); // subjects are plain text, not HTML
    expect(mail.text).toContain(`subject ${evil}`);
  });

  it("puts one card per ticket in one bulk e-mail, each with its own links", () => {
    const cards = [card(1), card(2), card(3)];
    const mail = renderApprovalRequestEmail({ ...base, cards });
    expect(mail.subject).toBe("Action needed: please review 3 requests from Entech");
    expect(mail.html).toContain("3 requests from Entech need your sign-off");
    expect(mail.html).toContain("independently");
    expect(count(mail.html, "data-ticket=")).toBe(3);
    expect(count(mail.html, "<details")).toBe(3);
    for (const c of cards) {
      expect(count(mail.html, `href="${c.approveUrl}"`)).toBe(1);
      expect(count(mail.html, `href="${c.rejectUrl}"`)).toBe(1);
      expect(count(mail.text, c.approveUrl)).toBe(1);
    }
    const hrefs = [...mail.html.matchAll(/href="(https:[^"]+)"/g)].map((m) => m[1]);
    expect(new Set(hrefs).size).toBe(6);
    // Each card's links sit inside that card.
    const second = mail.html.slice(mail.html.indexOf("Request 2 of 3"), mail.html.indexOf("Request 3 of 3"));
    expect(second).toContain(cards[1]?.approveUrl);
    expect(second).not.toContain(cards[0]?.approveUrl);
    expect(second).not.toContain(cards[2]?.rejectUrl);
  });

  it("says it is a reminder in the subject and the intro", () => {
    const single = renderApprovalRequestEmail({ ...base, isReminder: true });
    expect(single.subject).toBe('Reminder: still waiting on your approval — "Request number 1"');
    expect(single.html).toContain("This is a friendly reminder");
    expect(single.text).toContain("This is a friendly reminder");
    const bulk = renderApprovalRequestEmail({ ...base, isReminder: true, cards: [card(1), card(2)] });
    expect(bulk.subject).toBe("Reminder: 2 requests from Entech still waiting on your approval");
  });

  it("keeps the subject on one line", () => {
    const mail = renderApprovalRequestEmail({ ...base, cards: [card(1, { subject: "a\r\nBcc: x@evil.example" })] });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("shows a placeholder for an empty summary and omits an empty note", () => {
    const mail = renderApprovalRequestEmail({ ...base, note: "  ", cards: [card(1, { summary: "" })] });
    expect(mail.html).toContain("No summary was written");
    expect(mail.html).not.toContain("Note from");
  });

  it("bounds a huge thread, keeping the first and latest replies", () => {
    const publicMessages = Array.from({ length: 300 }, (_, i) => ({ author: "A", at: new Date(0), body: `R${i}-${"x".repeat(500)}` }));
    const mail = renderApprovalRequestEmail({ ...base, cards: [card(1, { fullRequest: { description: "d", publicMessages } })] });
    expect(mail.text.length).toBeLessThan(30_000);
    expect(mail.text).toContain("R0-");
    expect(mail.text).toContain("R299-");
    expect(mail.text).toMatch(/\[… \d+ earlier messages omitted …\]/);
  });

  it("refuses non-http links and empty card lists", () => {
    expect(() => renderApprovalRequestEmail({ ...base, cards: [card(1, { rejectUrl: "javascript:alert(1)" })] })).toThrow(TypeError);
    expect(() => renderApprovalRequestEmail({ ...base, cards: [] })).toThrow();
  });
});

describe("escapeHtml", () => {
  it("escapes the five special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
