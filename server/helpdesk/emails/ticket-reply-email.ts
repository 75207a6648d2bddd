import { brandedEmail, emailButton, escapeHtml } from "@/server/mail/templates/layout";

export interface TicketReplyEmailInput {
  number: string;
  subject: string;
  recipientName: string | null;
  authorName: string;
  body: string;
  followUrl: string;
  expiresAt: Date;
  status: string;
}

/** A public reply from the support team, e-mailed to the reporter and each follower. */
export function renderTicketReplyEmail(input: TicketReplyEmailInput) {
  const subject = `Re: ${input.subject} [${input.number}]`;
  const greeting = input.recipientName ? `Hello ${input.recipientName},` : "Hello,";
  const expires = input.expiresAt.toISOString().slice(0, 10);
  const quoted = escapeHtml(input.body).replace(/\n/g, "<br>");
  const text = [
    greeting,
    "",
    `${input.authorName} replied to ticket ${input.number} (status: ${input.status}):`,
    "",
    input.body,
    "",
    "Read the whole conversation and answer here:",
    input.followUrl,
    "",
    `This link is personal to you and works until ${expires}. Please do not forward it.`,
  ].join("\n");
  const html = brandedEmail({
    title: subject,
    bodyHtml: `<h1 style="font-size:20px;margin:0 0 12px">New reply on ${escapeHtml(input.number)}</h1>
<p>${escapeHtml(greeting)}</p>
<p><strong>${escapeHtml(input.authorName)}</strong> replied to <strong>${escapeHtml(input.subject)}</strong>
(status: ${escapeHtml(input.status)}):</p>
<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid #1d4ed8;background:#f8fafc">${quoted}</blockquote>
<p style="margin:24px 0">${emailButton("View and reply", input.followUrl)}</p>
<p style="font-size:13px;color:#6b7280">Or paste this address into your browser:<br>${escapeHtml(input.followUrl)}</p>`,
    footer: `This link is personal to you and works until ${expires}. Please do not forward it.`,
  });
  return { subject, text, html };
}
