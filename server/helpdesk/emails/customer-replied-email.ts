import { brandedEmail, emailButton, escapeHtml } from "@/server/mail/templates/layout";

export interface CustomerRepliedEmailInput {
  number: string;
  subject: string;
  assigneeName: string | null;
  authorName: string;
  organisationLabel: string;
  body: string;
  ticketUrl: string;
}

/** Tells the assigned agent that the customer answered on a ticket (links to the console, not a magic link). */
export function renderCustomerRepliedEmail(input: CustomerRepliedEmailInput) {
  const subject = `Customer replied: ${input.subject} [${input.number}]`;
  const greeting = input.assigneeName ? `Hello ${input.assigneeName},` : "Hello,";
  // A preview is enough: the whole message (and any attachments) is in the console.
  const preview = input.body.length > 1000 ? `${input.body.slice(0, 1000)}…` : input.body;
  const text = [
    greeting,
    "",
    `${input.authorName} (${input.organisationLabel}) replied on ticket ${input.number}, assigned to you:`,
    "",
    preview,
    "",
    "Open the ticket:",
    input.ticketUrl,
  ].join("\n");
  const html = brandedEmail({
    title: subject,
    bodyHtml: `<h1 style="font-size:20px;margin:0 0 12px">Customer replied on ${escapeHtml(input.number)}</h1>
<p>${escapeHtml(greeting)}</p>
<p><strong>${escapeHtml(input.authorName)}</strong> (${escapeHtml(input.organisationLabel)}) replied on
<strong>${escapeHtml(input.subject)}</strong>, assigned to you:</p>
<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid #1d4ed8;background:#f8fafc">${escapeHtml(preview).replace(/\n/g, "<br>")}</blockquote>
<p style="margin:24px 0">${emailButton("Open the ticket", input.ticketUrl)}</p>`,
    footer: "You get this because the ticket is assigned to you.",
  });
  return { subject, text, html };
}
