/**
 * Re-sending a pending request's links from the console, typically once they
 * expired. Both links get new tokens (the old ones stop working at once), the
 * expiry and the single reminder start again from now, and the owner gets a
 * fresh e-mail, all in one transaction; the mailer is woken after commit.
 */
import { db as defaultDb, type Db } from "@/server/db";
import { recordTicketEvent } from "@/server/helpdesk/trail";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import type { ApprovalContext } from "./approval-context";
import { renderApprovalRequestEmail } from "./approval-email";
import { APPROVAL_DECISIONS, approvalUrl, issueApprovalLink } from "./approval-links";
import { unsafeLoadApprovalTickets } from "./approval-tickets";
import { ApprovalError } from "./errors";
import { approvalCard, lockTickets } from "./request-approval";

export interface ResendApprovalLinksInput {
  engagementId: string;
  requestedBy: { id: string | null; name: string };
  now?: Date;
}

/** Provider staff see every organisation's requests, so the lookup is by id alone. */
export async function unsafeResendApprovalLinks(input: ResendApprovalLinksInput, ctx: ApprovalContext, db: Db = defaultDb): Promise<{ emailId: string; ownerEmail: string }> {
  const now = input.now ?? new Date();
  const result = await db.$transaction(async (tx) => {
    const found = await tx.approvalEngagement.findUnique({ where: { id: input.engagementId }, select: { ticketId: true } });
    if (!found) throw new ApprovalError("not_found", "That approval request does not exist");
    await lockTickets(tx, [found.ticketId]);
    const engagement = await tx.approvalEngagement.findUniqueOrThrow({
      where: { id: input.engagementId },
      select: { id: true, state: true, supersededAt: true, ownerName: true, ownerEmail: true, summary: true, note: true, organisationId: true },
    });
    if (engagement.state !== "pending" || engagement.supersededAt) {
      throw new ApprovalError("already_engaged", "Only a pending request can be re-sent; this one has been answered or replaced");
    }
    const [ticket] = await unsafeLoadApprovalTickets(tx, [found.ticketId]);
    if (!ticket) throw new ApprovalError("not_found", "The ticket of this request no longer exists");

    const urls = { approveUrl: "", rejectUrl: "" };
    for (const decision of APPROVAL_DECISIONS) {
      const link = issueApprovalLink(ctx.keys);
      await tx.approvalToken.update({
        where: { engagementId_decision: { engagementId: engagement.id, decision } },
        data: { tokenHash: link.tokenHash, salt: link.salt, usedAt: null, revokedAt: null, createdAt: now },
      });
      urls[decision === "approve" ? "approveUrl" : "rejectUrl"] = approvalUrl(ctx.appUrl, link.token, decision);
    }
    await tx.approvalEngagement.update({ where: { id: engagement.id }, data: { sentAt: now, remindedAt: null } });
    await recordTicketEvent(tx, {
      ticketId: found.ticketId,
      organisationId: engagement.organisationId,
      kind: "approval_resent",
      summary: `Approval links re-sent to ${engagement.ownerName} by ${input.requestedBy.name}`,
      actor: { kind: "agent", userId: input.requestedBy.id, name: input.requestedBy.name },
      at: now,
      data: { engagementId: engagement.id, ownerEmail: engagement.ownerEmail },
    });
    const mail = renderApprovalRequestEmail({
      ownerName: engagement.ownerName,
      agentName: input.requestedBy.name,
      note: engagement.note,
      organisationLabel: ticket.organisation.label,
      brand: ctx.brand,
      cards: [approvalCard(ticket, engagement.summary, urls)],
    });
    const emailId = await enqueueEmail(tx, { to: engagement.ownerEmail, ...mail, category: "approval-request" });
    return { emailId, ownerEmail: engagement.ownerEmail };
  });
  await dispatchOutboxEmails([result.emailId]);
  return result;
}
