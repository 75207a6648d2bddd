import crypto from "node:crypto";
import type { Db } from "../../server/db";
import { approvalLinkKeys, issueApprovalLink } from "../../server/approvals/approval-links";
import { decisionHeadline, decisionMessageBody } from "../../server/approvals/decision-notice-email";
import { postPublicMessage } from "../../server/helpdesk/post-message";
import { recordTicketEvent } from "../../server/helpdesk/trail";

const HOUR = 3_600_000;

interface DemoEngagement {
  org: "ENTECH" | "NORTHWIND";
  /** A ticket of the helpdesk seed (prisma/seed/helpdesk.ts). */
  subject: string;
  state: "pending" | "approved" | "rejected";
  sentHoursAgo: number;
  decidedAfterHours?: number;
  remindedAfterHours?: number;
  comment?: string;
  summary: string;
}

// Requests that fit those tickets' stories: each is sent after the ticket's last step.
const DEMO: DemoEngagement[] = [
  {
    org: "ENTECH",
    subject: "Add five seats to the VoIP plan",
    state: "pending",
    sentHoursAgo: 96,
    remindedAfterHours: 72,
    summary:
      "• The ask: add five VoIP seats from the 1st of next month.\n• If approved: the five new starters have phones on day one.\n• If not approved: the new starters share existing phones.\n• Cost / effort: five more seats on the monthly plan; price not stated.\n• Open questions: direct-dial numbers or extensions only?",
  },
  {
    org: "NORTHWIND",
    subject: "Add a phone line for the new surgery",
    state: "approved",
    sentHoursAgo: 88,
    decidedAfterHours: 6,
    comment: "Go ahead, keep it within the quote.",
    summary:
      "• The ask: a new phone line and handset for the third surgery.\n• If approved: the surgery can take calls when it opens.\n• If not approved: calls for the new surgery go through reception.\n• Cost / effort: installation visit next Tuesday; monthly line fee not stated.\n• Open questions: none.",
  },
  {
    org: "NORTHWIND",
    subject: "Cancel the fax line",
    state: "rejected",
    sentHoursAgo: 66,
    decidedAfterHours: 24,
    comment: "Keep the fax until the bundle price is reviewed.",
    summary:
      "• The ask: cancel the clinic's fax number.\n• If approved: one less line to pay for.\n• If not approved: none material.\n• Cost / effort: cancelling changes the legacy bundle price; amount not stated.\n• Open questions: does anyone still receive faxes from labs?",
  },
];

/**
 * Demo owner approvals on the helpdesk's demo tickets: one pending (already
 * reminded), one approved, one rejected, with the owners' decisions in the
 * threads. Runs after the helpdesk seed; skips a ticket it cannot find, and does
 * nothing once any approval exists.
 * The seeded links are random and were never e-mailed: they open nothing.
 */
export async function seedApprovals(db: Db, now: Date = new Date()): Promise<void> {
  if ((await db.approvalEngagement.count()) > 0) return;
  const keys = approvalLinkKeys(crypto.randomBytes(32).toString("hex"));
  const agent = await db.user.findUnique({ where: { email: "agent@switchboard.local" }, select: { id: true, name: true } });

  for (const demo of DEMO) {
    const org = await db.organisation.findUnique({ where: { label: demo.org }, select: { id: true, ownerName: true, ownerEmail: true } });
    if (!org?.ownerName || !org.ownerEmail) continue;
    const ticket = await db.ticket.findFirst({
      where: { organisationId: org.id, subject: demo.subject, status: { notIn: ["closed", "resolved"] } },
      select: { id: true },
    });
    if (!ticket) continue;
    const sentAt = new Date(now.getTime() - demo.sentHoursAgo * HOUR);
    const decidedAt = demo.decidedAfterHours === undefined ? null : new Date(sentAt.getTime() + demo.decidedAfterHours * HOUR);

    const links = [issueApprovalLink(keys), issueApprovalLink(keys)] as const;
    await db.$transaction(async (tx) => {
      const engagement = await tx.approvalEngagement.create({
        data: {
          ticketId: ticket.id,
          organisationId: org.id,
          state: demo.state,
          ownerName: org.ownerName!,
          ownerEmail: org.ownerEmail!,
          summary: demo.summary,
          requestedById: agent?.id ?? null,
          requestedByName: agent?.name ?? "Sam Agent",
          sentAt,
          remindedAt: demo.remindedAfterHours === undefined ? null : new Date(sentAt.getTime() + demo.remindedAfterHours * HOUR),
          decidedAt,
          decisionComment: demo.comment ?? null,
          tokens: {
            create: [
              { decision: "approve", tokenHash: links[0].tokenHash, salt: links[0].salt, ...(demo.state === "approved" ? { usedAt: decidedAt } : demo.state === "rejected" ? { revokedAt: decidedAt } : {}) },
              { decision: "reject", tokenHash: links[1].tokenHash, salt: links[1].salt, ...(demo.state === "rejected" ? { usedAt: decidedAt } : demo.state === "approved" ? { revokedAt: decidedAt } : {}) },
            ],
          },
        },
        select: { id: true },
      });
      await recordTicketEvent(tx, {
        ticketId: ticket.id,
        organisationId: org.id,
        kind: "approval_requested",
        summary: `Owner approval requested from ${org.ownerName} by ${agent?.name ?? "Sam Agent"}`,
        actor: { kind: "agent", userId: agent?.id ?? null, name: agent?.name ?? "Sam Agent" },
        at: sentAt,
        data: { engagementId: engagement.id },
      });
      if (demo.state !== "pending" && decidedAt) {
        const decision = demo.state === "approved" ? "approve" : "reject";
        await postPublicMessage(tx, {
          ticketId: ticket.id,
          organisationId: org.id,
          author: { kind: "owner", name: org.ownerName!, email: org.ownerEmail! },
          body: decisionMessageBody(decision, org.ownerName!, demo.comment ?? null),
          now: decidedAt,
        });
        await recordTicketEvent(tx, {
          ticketId: ticket.id,
          organisationId: org.id,
          kind: "approval_decided",
          summary: decisionHeadline(decision, org.ownerName!),
          actor: { kind: "owner", name: org.ownerName! },
          at: decidedAt,
          data: { engagementId: engagement.id, decision },
        });
      }
    });
  }
}
