import { brandedEmail, emailButton, escapeHtml } from "@/server/mail/templates/layout";

/** The signer's e-mail: which page of which application, the link, and when it stops working. */
export function renderSigningEmail(input: {
  signerName: string;
  applicantName: string;
  applicationNumber: string;
  page: number;
  url: string;
  expiresAt: Date;
}) {
  const expires = input.expiresAt.toUTCString();
  const subject = `Please sign page ${input.page} of application ${input.applicationNumber}`;
  const text = `Hello ${input.signerName},

Please review and sign page ${input.page} of the funding application for ${input.applicantName} (${input.applicationNumber}).

Open this link to sign (it works once and expires ${expires}):

${input.url}

If you did not expect this request, ignore this e-mail.`;
  const html = brandedEmail({
    title: subject,
    bodyHtml: `<h1 style="font-size:20px;margin:0 0 12px">Signature requested</h1>
<p>Hello ${escapeHtml(input.signerName)},</p>
<p>Please review and sign page ${input.page} of the funding application for ${escapeHtml(input.applicantName)} (${escapeHtml(input.applicationNumber)}).</p>
<p style="margin:24px 0">${emailButton(`Review and sign page ${input.page}`, input.url)}</p>
<p style="font-size:13px;color:#6b7280">The link works once and expires ${escapeHtml(expires)}.<br>${escapeHtml(input.url)}</p>`,
    footer: "If you did not expect this request, you can ignore this e-mail.",
  });
  return { subject, text, html };
}
