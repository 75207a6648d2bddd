import { brandedEmail, emailButton, escapeHtml } from "./layout";

function linkEmail(opts: { subject: string; heading: string; intro: string; button: string; url: string; validity: string; footer: string }) {
  const text = `${opts.intro}\n\n${opts.url}\n\n${opts.validity}\n\n${opts.footer}`;
  const html = brandedEmail({
    title: opts.subject,
    bodyHtml: `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(opts.heading)}</h1>
<p>${escapeHtml(opts.intro)}</p>
<p style="margin:24px 0">${emailButton(opts.button, opts.url)}</p>
<p style="font-size:13px;color:#6b7280">${escapeHtml(opts.validity)} Or paste this address into your browser:<br>${escapeHtml(opts.url)}</p>`,
    footer: opts.footer,
  });
  return { subject: opts.subject, text, html };
}

/** An invitation to join an organisation on Switchboard. */
export function renderInvitationEmail({ url, organisationName, inviterName, days }: { url: string; organisationName: string; inviterName: string; days: number }) {
  return linkEmail({
    subject: `You are invited to ${organisationName} on Switchboard`,
    heading: `Join ${organisationName} on Switchboard`,
    intro: `${inviterName} invited you to ${organisationName} on Switchboard. Accept to choose your name and, if you like, a password.`,
    button: "Accept the invitation",
    url,
    validity: `The link works once and for ${days} days.`,
    footer: "If you did not expect this invitation, you can ignore this e-mail.",
  });
}

/** A password-reset link (sent by an admin or asked for on the sign-in page). */
export function renderPasswordResetEmail({ url, minutes }: { url: string; minutes: number }) {
  return linkEmail({
    subject: "Reset your Switchboard password",
    heading: "Choose a new password",
    intro: "Someone (hopefully you, or your administrator) asked to reset the password of your Switchboard account.",
    button: "Choose a new password",
    url,
    validity: `The link works once and for ${minutes} minutes.`,
    footer: "If you did not ask for this, ignore this e-mail: your password stays as it is.",
  });
}
