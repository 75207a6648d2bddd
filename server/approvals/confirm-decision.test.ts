import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestUser } from "@/server/testing/factories";
import { confirmApprovalDecision, resolveApprovalLink } from "./confirm-decision";
import { requestApproval } from "./request-approval";
import { approvalLinksIn, createClientWithOwner, createTestTicket, outboxEmail, TEST_APPROVAL_CONTEXT as ctx } from "./testing/approval-fixtures";

async function pendingRequest(opts: { requestedById?: string | null } = {}) {
  const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: `kris-${Math.random().toString(36).slice(2, 8)}@client.test` } });
  const ticket = await createTestTicket(org.id, { subject: "New report layout" });
  const result = await requestApproval(
    { ticketIds: [ticket.id], mode: "single", summaries: [{ ticketId: ticket.id, summary: "• The ask: a new layout" }], requestedBy: { id: opts.requestedById ?? null, name: "Sam Agent" } },
    ctx,
  );
  const links = approvalLinksIn((await outboxEmail(result.emailId)).text);
  return {
    org,
    ticket,
    engagementId: result.engagements[0]!.id,
    approve: links.find((l) => l.decision === "approve")!,
    reject: links.find((l) => l.decision === "reject")!,
  };
}

describe("resolveApprovalLink", () => {
  it("shows title, summary and decision for a live link", async () => {
    const { approve, reject } = await pendingRequest();
    expect(await resolveApprovalLink(db, approve.token, "approve")).toMatchObject({
      status: "valid",
      decision: "approve",
      subject: "New report layout",
      summary: "• The ask: a new layout",
      ownerName: "Kris Owner",
      // The owner sees the e-mail's "Full request" on the page too.
      fullRequest: expect.stringMatching(/^Original request:\n\S/),
    });
    expect((await resolveApprovalLink(db, reject.token, "reject")).status).toBe("valid");
  });

  it("answers the same 'invalid' for malformed, unknown and wrong-decision links", async () => {
    const { approve } = await pendingRequest();
    expect(await resolveApprovalLink(db, "not-a-token", "approve")).toEqual({ status: "invalid" });
    expect(await resolveApprovalLink(db, "A".repeat(43), "approve")).toEqual({ status: "invalid" });
    expect(await resolveApprovalLink(db, approve.token, "reject")).toEqual({ status: "invalid" });
    expect(await resolveApprovalLink(db, approve.token, "maybe")).toEqual({ status: "invalid" });
  });
});

describe("confirmApprovalDecision", () => {
  it("records the decision, posts it publicly as the owner, notifies the agent and kills both links", async () => {
    const agent = await createTestUser("AGENT");
    const { ticket, engagementId, approve, reject } = await pendingRequest({ requestedById: agent.id });
    const now = new Date(Date.now() + 5 * 3_600_000);
    const result = await confirmApprovalDecision({ token: approve.token, decision: "approve", comment: "Go ahead, within budget.", now }, ctx);
    expect(result).toMatchObject({ status: "recorded", state: "approved", ticketId: ticket.id, ownerName: "Kris Owner" });

    const engagement = await db.approvalEngagement.findUniqueOrThrow({ where: { id: engagementId }, include: { tokens: true } });
    expect(engagement.state).toBe("approved");
    expect(engagement.decidedAt?.toISOString()).toBe(now.toISOString());
    expect(engagement.decisionComment).toBe("Go ahead, within budget.");
    const used = engagement.tokens.find((t) => t.decision === "approve")!;
    const other = engagement.tokens.find((t) => t.decision === "reject")!;
    expect(used.usedAt).not.toBeNull();
    expect(other.revokedAt).not.toBeNull();

    const messages = await db.ticketMessage.findMany({ where: { ticketId: ticket.id, authorKind: "owner" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ visibility: "public", authorName: "Kris Owner", body: "Approved by Kris Owner\n\nGo ahead, within budget." });
    const trail = await db.ticketEvent.findFirst({ where: { ticketId: ticket.id, kind: "approval_decided" } });
    expect(trail?.summary).toBe("Approved by Kris Owner");

    const notice = await db.outboxEmail.findFirst({ where: { to: agent.email, category: "approval-decision" } });
    expect(notice?.subject).toMatch(/approved by Kris Owner/);
    expect(notice?.text).toContain(`http://app.test/tickets/${ticket.number}`);

    // Single use: the same link, and the other button, are now dead.
    expect(await confirmApprovalDecision({ token: approve.token, decision: "approve" }, ctx)).toEqual({ status: "invalid" });
    expect(await confirmApprovalDecision({ token: reject.token, decision: "reject" }, ctx)).toEqual({ status: "invalid" });
    expect(await resolveApprovalLink(db, approve.token, "approve")).toEqual({ status: "invalid" });
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id, authorKind: "owner" } })).toBe(1);
  });

  it("records a rejection without a comment", async () => {
    const { ticket, reject } = await pendingRequest();
    expect(await confirmApprovalDecision({ token: reject.token, decision: "reject", comment: "   " }, ctx)).toMatchObject({ status: "recorded", state: "rejected" });
    const message = await db.ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id, authorKind: "owner" } });
    expect(message.body).toBe("Rejected by Kris Owner");
  });

  it("refuses a link used with the other decision in the URL", async () => {
    const { approve, engagementId } = await pendingRequest();
    expect(await confirmApprovalDecision({ token: approve.token, decision: "reject" }, ctx)).toEqual({ status: "invalid" });
    expect((await db.approvalEngagement.findUniqueOrThrow({ where: { id: engagementId } })).state).toBe("pending");
  });

  it("records exactly one decision when the same link is confirmed twice at the same time", async () => {
    const { ticket, engagementId, approve } = await pendingRequest();
    const results = await Promise.all([
      confirmApprovalDecision({ token: approve.token, decision: "approve", comment: "first" }, ctx),
      confirmApprovalDecision({ token: approve.token, decision: "approve", comment: "second" }, ctx),
      confirmApprovalDecision({ token: approve.token, decision: "approve", comment: "third" }, ctx),
    ]);
    expect(results.filter((r) => r.status === "recorded")).toHaveLength(1);
    // The others are told the request was just answered, and how.
    expect(results.filter((r) => r.status === "already_decided" && r.state === "approved")).toHaveLength(2);
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id, authorKind: "owner" } })).toBe(1);
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "approval_decided" } })).toBe(1);
    expect((await db.approvalEngagement.findUniqueOrThrow({ where: { id: engagementId } })).state).toBe("approved");
  });

  it("records exactly one decision when approve and reject are confirmed at the same time", async () => {
    const { ticket, engagementId, approve, reject } = await pendingRequest();
    const results = await Promise.all([
      confirmApprovalDecision({ token: approve.token, decision: "approve" }, ctx),
      confirmApprovalDecision({ token: reject.token, decision: "reject" }, ctx),
    ]);
    const recorded = results.filter((r) => r.status === "recorded");
    expect(recorded).toHaveLength(1);
    const engagement = await db.approvalEngagement.findUniqueOrThrow({ where: { id: engagementId }, include: { tokens: true } });
    expect(engagement.state).toBe(recorded[0]!.status === "recorded" ? recorded[0]!.state : "none");
    expect(engagement.tokens.filter((t) => t.usedAt !== null)).toHaveLength(1);
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id, authorKind: "owner" } })).toBe(1);
  });

  it("still records the decision on a ticket closed meanwhile, in the owner's name", async () => {
    const { ticket, approve } = await pendingRequest();
    await db.ticket.update({ where: { id: ticket.id }, data: { status: "closed" } });
    expect((await confirmApprovalDecision({ token: approve.token, decision: "approve" }, ctx)).status).toBe("recorded");
    const message = await db.ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id, body: { startsWith: "Approved by" } } });
    expect(message).toMatchObject({ visibility: "public", authorName: "Kris Owner (owner)" });
  });
});
