import { describe, expect, it } from "vitest";
import { renderApprovalRequestEmail } from "./approval-email";
import { renderDecisionNoticeEmail } from "./decision-notice-email";

// Symbols and pictographs (✓ ✗ ✅ ❌ ⚠ …): status is said in words and colour, never emoji.
const EMOJI = /[\u2600-\u27BF\u{1F300}-\u{1FAFF}]/u;

describe("approval e-mails", () => {
  it("state the owner's decision in words with a coloured label, no emoji", () => {
    for (const decision of ["approve", "reject"] as const) {
      const mail = renderDecisionNoticeEmail({ decision, ownerName: "Kris <Owner>", ticketNumber: "TCK-1", subject: "New line", comment: null, ticketUrl: "https://x.example/tickets/TCK-1" });
      const word = decision === "approve" ? "Approved" : "Rejected";
      expect(mail.text).toContain(`${word} by Kris <Owner>: TCK-1`);
      expect(mail.html).toMatch(new RegExp(`border-radius:999px">${word}</span> by Kris &lt;Owner&gt;`));
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(EMOJI);
    }
  });

  it("label the owner's buttons Approve and Reject without emoji", () => {
    const mail = renderApprovalRequestEmail({
      ownerName: "Kris",
      agentName: "Sam",
      note: null,
      organisationLabel: "Entech",
      brand: { name: "Nexa", supportEmail: "support@nexa.example" },
      cards: [
        {
          ticketNumber: "TCK-1",
          subject: "New line",
          summary: "The ask: a new line",
          fullRequest: { description: "Please add a line", publicMessages: [] },
          approveUrl: "https://x.example/approve/a/approve",
          rejectUrl: "https://x.example/approve/r/reject",
        },
      ],
    });
    expect(mail.html).toMatch(/>Approve<\/a>/);
    expect(mail.html).toMatch(/>Reject<\/a>/);
    expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(EMOJI);
  });
});
