/**
 * The e-mail that tells provider staff (the agent who asked and the ticket's
 * assignee) that the owner decided.
 */
import { brandedEmail, emailButton, emailStatusLabel, escapeHtml } from "@/server/mail/templates/layout";
import type { ApprovalDecisionWord } from "./approval-links";

export interface DecisionNoticeInput {
  decision: ApprovalDecisionWord;
  ownerName: string;
  ticketNumber: string;
  subject: string;
  comment: string | null;
  ticketUrl: string;
}

/** "Approved by Kris" / "Rejected by Kris": the words used on the ticket too. */
export function decisionHeadline(decision: ApprovalDecisionWord, ownerName: string): string {
  return `${decisionWord(decision)} by ${ownerName}`;
}

const decisionWord = (decision: ApprovalDecisionWord) => (decision === "approve" ? "Approved" : "Rejected");

/** The public message the owner's decision becomes on the ticket. */
export function decisionMessageBody(decision: ApprovalDecisionWord, ownerName: string, comment: string | null): string {
  const headline = decisionHeadline(decision, ownerName);
  return comment ? `${headline}\n\n${comment}` : headline;
}

export function renderDecisionNoticeEmail(input: DecisionNoticeInput): { subject: string; text: string; html: string } {
  const headline = decisionHeadline(input.decision, input.ownerName);
  const tone = input.decision === "approve" ? "success" : "danger";
  const subject = `${input.ticketNumber}: ${input.decision === "approve" ? "approved" : "rejected"} by ${input.ownerName}`;
  const text = [
    `${headline}: ${input.ticketNumber} "${input.subject}".`,
    ...(input.comment ? ["", "Comment:", input.comment] : []),
    "",
    `Open the ticket: ${input.ticketUrl}`,
  ].join("\n");
  const bodyHtml = [
    `<p style="font-size:18px;font-weight:600;margin:0 0 8px">${emailStatusLabel(decisionWord(input.decision), tone)} by ${escapeHtml(input.ownerName)}</p>`,
    `<p style="margin:0 0 16px">${escapeHtml(input.ticketNumber)} — ${escapeHtml(input.subject)}</p>`,
    input.comment
      ? `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #e5e7eb;white-space:pre-wrap">${escapeHtml(input.comment)}</blockquote>`
      : "",
    emailButton("Open the ticket", input.ticketUrl, tone),
  ].join("\n");
  return { subject, text, html: brandedEmail({ title: subject, bodyHtml }) };
}
