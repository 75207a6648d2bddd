/**
 * Approval links expire after the setting's days (default 30): the page and
 * the confirmation say "expired" and record nothing; the console re-sends
 * fresh links, which work while the old ones stay dead.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { updateApprovalSettings } from "./approval-settings";
import { confirmApprovalDecision, resolveApprovalLink } from "./confirm-decision";
import { requestApproval } from "./request-approval";
import { approvalLinksIn, createClientWithOwner, createTestTicket, outboxEmail, TEST_APPROVAL_CONTEXT as ctx } from "./testing/approval-fixtures";

const DAY = 86_400_000;

async function pendingRequest(sentAt: Date) {
  const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: `kris-${Math.random().toString(36).slice(2, 8)}@client.test` } });
  const ticket = await createTestTicket(org.id, { subject: "Old request" });
  const result = await requestApproval({ ticketIds: [ticket.id], mode: "single", summaries: [], requestedBy: { id: null, name: "Sam" }, now: sentAt }, ctx);
  const approve = approvalLinksIn((await outboxEmail(result.emailId)).text).find((l) => l.decision === "approve")!;
  return { ticket, engagementId: result.engagements[0]!.id, approve };
}

describe("approval link expiry", () => {
  it("a link is valid on day 29 and expired on day 30 by default; confirming an expired one records nothing", async () => {
    const sentAt = new Date(Date.now() - 400 * DAY);
    const { engagementId, approve } = await pendingRequest(sentAt);
    expect((await resolveApprovalLink(db, approve.token, "approve", new Date(sentAt.getTime() + 29 * DAY))).status).toBe("valid");
    expect(await resolveApprovalLink(db, approve.token, "approve")).toMatchObject({ status: "expired", expiredAt: new Date(sentAt.getTime() + 30 * DAY) });
    expect(await confirmApprovalDecision({ token: approve.token, decision: "approve" }, ctx)).toEqual({ status: "expired" });
    expect((await db.approvalEngagement.findUniqueOrThrow({ where: { id: engagementId } })).state).toBe("pending");
  });

  it("follows the setting", async () => {
    const sentAt = new Date(Date.now() - 10 * DAY);
    const { approve } = await pendingRequest(sentAt);
    await updateApprovalSettings(db, { reminderDays: 3, linkExpiryDays: 7 });
    expect((await resolveApprovalLink(db, approve.token, "approve")).status).toBe("expired");
    await updateApprovalSettings(db, { reminderDays: 3, linkExpiryDays: 30 });
    expect((await resolveApprovalLink(db, approve.token, "approve")).status).toBe("valid");
  });

  it("re-sending from the console mails fresh links that work; the old ones are dead", async () => {
    const { ticket, engagementId, approve } = await pendingRequest(new Date(Date.now() - 400 * DAY));
    const agent = callerFor(await createTestUser("AGENT"));
    const { emailId } = await agent.approvals.resend({ engagementId });
    const fresh = approvalLinksIn((await outboxEmail(emailId)).text).find((l) => l.decision === "approve")!;
    expect(fresh.token).not.toBe(approve.token);
    expect((await resolveApprovalLink(db, approve.token, "approve")).status).toBe("invalid");
    expect(await confirmApprovalDecision({ token: fresh.token, decision: "approve" }, ctx)).toMatchObject({ status: "recorded", state: "approved" });
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "approval_resent" } })).toBe(1);
    // An answered request cannot be re-sent.
    await expect(agent.approvals.resend({ engagementId })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
