import { brandedEmail, emailButton, escapeHtml } from "./layout";

/** The magic-link sign-in message. */
export function renderSignInEmail({ url }: { url: string }) {
  const subject = "Your Switchboard sign-in link";
  const text = `Sign in to Switchboard by opening this link (valid for 15 minutes, once):\n\n${url}\n\nIf you did not ask for it, ignore this e-mail.`;
  const html = brandedEmail({
    title: subject,
    bodyHtml: `<h1 style="font-size:20px;margin:0 0 12px">Sign in to Switchboard</h1>
<p>Use the button below within 15 minutes. It works once.</p>
<p style="margin:24px 0">${emailButton("Sign in", url)}</p>
<p style="font-size:13px;color:#6b7280">Or paste this address into your browser:<br>${escapeHtml(url)}</p>`,
    footer: "If you did not ask for this link, you can ignore this e-mail.",
  });
  return { subject, text, html };
}
