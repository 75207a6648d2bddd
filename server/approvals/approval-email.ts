/**
 * The branded e-mail that asks a client's owner to approve or reject work:
 * one card per ticket (a bulk request is several cards in one e-mail), each
 * with its own pair of large approve / reject buttons, the summary, and the
 * full request collapsed. Rendered as HTML (inline styles, table buttons, as
 * mail clients need) and plain text. Every piece of user content is escaped.
 */
import { clip, fitThread, formatWhen, omittedMarker, type PublicThreadMessage } from "./summary-prompt";
import { escapeHtml } from "@/server/mail/templates/layout";

export { escapeHtml };

export interface ApprovalEmailCard {
  ticketNumber: string;
  subject: string;
  /** Plain-text bullets as edited in the wizard; may be empty. */
  summary: string;
  /** What the owner can expand to read everything: description and public thread only. */
  fullRequest: { description: string; publicMessages: readonly PublicThreadMessage[] };
  approveUrl: string;
  rejectUrl: string;
}

export interface ApprovalEmailInput {
  ownerName: string;
  agentName: string;
  /** The agent's personal note, shown above the cards. */
  note?: string | null;
  /** Client organisation, named in the bulk intro. */
  organisationLabel?: string;
  brand: { name: string; supportEmail: string; /** `#rrggbb`; anything else falls back to the default. */ accentColor?: string };
  cards: readonly ApprovalEmailCard[];
  /** The single reminder: says so in the subject and the intro; same links. */
  isReminder?: boolean;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const FULL_REQUEST_MAX_CHARS = 20_000;
const DESCRIPTION_MAX_CHARS = 8_000;
const MESSAGE_MAX_CHARS = 4_000;
const DEFAULT_ACCENT = "#1e3a8a";
const APPROVE_COLOR = "#15803d";
const REJECT_COLOR = "#b91c1c";

/** Renders the approval request (or its reminder) for one or more tickets. */
export function renderApprovalRequestEmail(input: ApprovalEmailInput): RenderedEmail {
  if (input.cards.length === 0) throw new Error("An approval e-mail needs at least one ticket");
  for (const card of input.cards) {
    assertHttpUrl(card.approveUrl);
    assertHttpUrl(card.rejectUrl);
  }
  const copy = emailCopy(input);
  return { subject: copy.subject, html: renderHtml(input, copy), text: renderText(input, copy) };
}

interface EmailCopy {
  subject: string;
  greeting: string;
  intro: string[];
}

function emailCopy(input: ApprovalEmailInput): EmailCopy {
  const count = input.cards.length;
  const first = input.cards[0] as ApprovalEmailCard;
  const title = `"${singleLine(first.subject, 150)}"`;
  const org = input.organisationLabel ? singleLine(input.organisationLabel, 80) : "";
  const agent = singleLine(input.agentName, 80) || input.brand.name;

  const subject = input.isReminder
    ? count === 1
      ? `Reminder: still waiting on your approval — ${title}`
      : `Reminder: ${count} requests${org ? ` from ${org}` : ""} still waiting on your approval`
    : count === 1
      ? `Action needed: please review request ${title}`
      : `Action needed: please review ${count} requests${org ? ` from ${org}` : ""}`;

  const intro: string[] = [];
  if (input.isReminder) {
    intro.push(
      count === 1
        ? "This is a friendly reminder: we are still waiting for your decision on the request below. The buttons are the same as in our first e-mail."
        : `This is a friendly reminder: we are still waiting for your decision on ${count} requests. The buttons are the same as in our first e-mail.`,
    );
  } else if (count === 1) {
    intro.push(`${agent} from ${input.brand.name} asks for your approval on the request below.`);
  } else {
    intro.push(`${count} requests${org ? ` from ${org}` : ""} need your sign-off, sent by ${agent} from ${input.brand.name}.`);
  }
  if (count > 1) {
    intro.push("Each can be approved or rejected independently: a button on one card only acts on that card.");
  }
  intro.push("Each button opens a page where you can add a comment and confirm. Nothing is recorded until you confirm.");

  return { subject: singleLine(subject, 250), greeting: `Hi ${singleLine(input.ownerName, 80) || "there"},`, intro };
}

function renderHtml(input: ApprovalEmailInput, copy: EmailCopy): string {
  const accent = /^#[0-9a-f]{6}$/i.test(input.brand.accentColor ?? "") ? (input.brand.accentColor as string) : DEFAULT_ACCENT;
  const brand = escapeHtml(input.brand.name);
  const support = escapeHtml(input.brand.supportEmail);
  const note = input.note?.trim()
    ? `<div style="margin:16px 0;padding:12px 16px;border-left:4px solid ${accent};background:#f1f5f9;">
<div style="font-size:13px;color:#475569;margin-bottom:4px;">Note from ${escapeHtml(singleLine(input.agentName, 80))}</div>
<div>${multiline(input.note.trim())}</div></div>`
    : "";
  const cards = input.cards.map((card, index) => renderCardHtml(card, index, input.cards.length)).join("\n");

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(copy.subject)}</title></head>
<body style="margin:0;padding:0;background:#f8fafc;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#0f172a;">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(copy.intro[0] ?? "")}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f8fafc;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;overflow:hidden;">
<tr><td style="background:${accent};color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold;">${brand}</td></tr>
<tr><td style="padding:24px;font-size:15px;line-height:1.5;">
<p style="margin:0 0 12px;">${escapeHtml(copy.greeting)}</p>
${copy.intro.map((line) => `<p style="margin:0 0 12px;">${escapeHtml(line)}</p>`).join("\n")}
${note}
${cards}
</td></tr>
<tr><td style="padding:16px 24px;font-size:12px;color:#64748b;border-top:1px solid #e2e8f0;">
Questions? Write to <a href="mailto:${support}" style="color:#64748b;">${support}</a>.
These links are meant for you: please do not forward this e-mail.</td></tr>
</table></td></tr></table>
</body></html>`;
}

function renderCardHtml(card: ApprovalEmailCard, index: number, total: number): string {
  const label = total > 1 ? `<div style="font-size:12px;text-transform:uppercase;letter-spacing:0.05em;color:#64748b;">Request ${index + 1} of ${total}</div>` : "";
  const summary = card.summary.trim()
    ? `<div style="margin:8px 0 16px;">${multiline(card.summary.trim())}</div>`
    : `<p style="margin:8px 0 16px;color:#64748b;">No summary was written for this request; see the full request below.</p>`;
  const ticket = escapeHtml(singleLine(card.ticketNumber, 40));
  return `<div style="margin:24px 0 0;padding:16px;border:1px solid #e2e8f0;border-radius:8px;" data-ticket="${ticket}">
${label}
<h2 style="margin:4px 0 0;font-size:17px;">${escapeHtml(singleLine(card.subject, 300))}</h2>
<div style="font-size:12px;color:#64748b;">${ticket}</div>
${summary}
<table role="presentation" cellpadding="0" cellspacing="0"><tr>
<td style="padding:0 12px 0 0;">${button(card.approveUrl, "Approve", APPROVE_COLOR)}</td>
<td>${button(card.rejectUrl, "Reject", REJECT_COLOR)}</td>
</tr></table>
<details style="margin-top:16px;"><summary style="cursor:pointer;color:#334155;font-weight:bold;">Full request</summary>
<div style="margin-top:8px;font-size:14px;color:#334155;">${multiline(fullRequestText(card))}</div>
</details>
</div>`;
}

// Table-cell buttons render as large tap targets even in clients that ignore padding on links.
function button(url: string, label: string, color: string): string {
  const href = escapeHtml(url);
  return `<table role="presentation" cellpadding="0" cellspacing="0"><tr><td style="background:${color};border-radius:6px;">
<a href="${href}" style="display:inline-block;padding:14px 32px;font-size:17px;font-weight:bold;color:#ffffff;text-decoration:none;">${escapeHtml(label)}</a>
</td></tr></table>`;
}

function renderText(input: ApprovalEmailInput, copy: EmailCopy): string {
  const lines: string[] = [copy.greeting, "", ...copy.intro.flatMap((line) => [line, ""])];
  if (input.note?.trim()) lines.push(`Note from ${singleLine(input.agentName, 80)}:`, input.note.trim(), "");
  input.cards.forEach((card, index) => {
    const total = input.cards.length;
    lines.push(total > 1 ? `==== Request ${index + 1} of ${total} ====` : "====");
    lines.push(`${singleLine(card.ticketNumber, 40)}: ${singleLine(card.subject, 300)}`, "");
    lines.push(card.summary.trim() || "No summary was written for this request; see the full request below.", "");
    lines.push(`Approve: ${card.approveUrl}`, `Reject:  ${card.rejectUrl}`, "");
    lines.push("Full request:", fullRequestText(card), "");
  });
  lines.push("--", `${input.brand.name}. Questions? Write to ${input.brand.supportEmail}.`, "These links are meant for you: please do not forward this e-mail.");
  return lines.join("\n");
}

/**
 * Description and public thread as plain text, bounded so huge threads keep
 * the mail deliverable. The owner's confirmation page shows the same text.
 */
export function fullRequestText(card: Pick<ApprovalEmailCard, "fullRequest">): string {
  const description = clip(card.fullRequest.description.trim(), DESCRIPTION_MAX_CHARS) || "(no description given)";
  const messages = card.fullRequest.publicMessages.map(
    (m) => `[${formatWhen(m.at)}] ${singleLine(m.author, 120)}:\n${clip(m.body.trim(), MESSAGE_MAX_CHARS)}`,
  );
  const head = `Original request:\n${description}`;
  if (messages.length === 0) return `${head}\n\nNo replies yet.`;
  const thread = fitThread(messages, FULL_REQUEST_MAX_CHARS - head.length);
  return `${head}\n\nReplies (${messages.length}):\n${thread.text || omittedMarker(messages.length)}`;
}

/** Escapes then keeps line breaks. */
function multiline(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, "\n")).replace(/\n/g, "<br>\n");
}

function singleLine(text: string, max: number): string {
  return clip(text.replace(/\s+/g, " ").trim(), max);
}

function assertHttpUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new TypeError("Approval links must be absolute http(s) URLs");
  }
  if (protocol !== "https:" && protocol !== "http:") throw new TypeError("Approval links must be absolute http(s) URLs");
}
