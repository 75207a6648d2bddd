import { brandedEmail, emailButton, escapeHtml } from "@/server/mail/templates/layout";

export interface TicketAckEmailInput {
  number: string;
  subject: string;
  recipientName: string | null;
  organisationLabel: string;
  followUrl: string;
  expiresAt: Date;
}

/** The acknowledgement a reporter gets when a ticket is filed, with their follow-up link. */
export function renderTicketAckEmail(input: TicketAckEmailInput) {
  const subject = `We received your request [${input.number}]`;
  const greeting = input.recipientName ? `Hello ${input.recipientName},` : "Hello,";
  const expires = input.expiresAt.toISOString().slice(0, 10);
  const text = [
    greeting,
    "",
    `Thank you for contacting support. Your request "${input.subject}" is ticket ${input.number} (${input.organisationLabel}).`,
    "We will reply by e-mail. You can follow the ticket and answer without an account here:",
    "",
    input.followUrl,
    "",
    `This link is personal to you and works until ${expires}. Please do not forward it.`,
  ].join("\n");
  const html = brandedEmail({
    title: subject,
    bodyHtml: `<h1 style="font-size:20px;margin:0 0 12px">We received your request</h1>
<p>${escapeHtml(greeting)}</p>
<p>Thank you for contacting support. Your request <strong>${escapeHtml(input.subject)}</strong> is ticket
<strong style="font-family:monospace">${escapeHtml(input.number)}</strong> (${escapeHtml(input.organisationLabel)}).</p>
<p>We will reply by e-mail. You can follow the ticket and answer without an account:</p>
<p style="margin:24px 0">${emailButton("Follow your ticket", input.followUrl)}</p>
<p style="font-size:13px;color:#6b7280">Or paste this address into your browser:<br>${escapeHtml(input.followUrl)}</p>`,
    footer: `This link is personal to you and works until ${expires}. Please do not forward it.`,
  });
  return { subject, text, html };
}
