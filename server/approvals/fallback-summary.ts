/**
 * A brief written without AI, from what the owner would read anyway: the
 * ticket's description and its newest public replies. The wizard prefills it
 * when AI is off or a draft failed, so a request never goes out empty by
 * accident; the agent edits it like an AI draft.
 */
import { APPROVAL_SUMMARY_MAX_CHARS } from "@/lib/validators/approvals";
import type { PublicThreadMessage } from "./summary-prompt";

const ASK_MAX = 600;
const REPLY_MAX = 300;
const LATEST_REPLIES = 2;

export const FALLBACK_NOTES = {
  no_key: "AI summaries are off, so this brief was prefilled from the description and the public thread. Check and edit it before sending.",
  failed: "Prefilled from the description and the public thread instead. Check and edit it before sending.",
} as const;

export function fallbackSummary(ticket: { subject: string; description: string; publicMessages: readonly PublicThreadMessage[] }): string {
  const ask = oneLine(ticket.description) || oneLine(ticket.subject);
  const lines = [`• The ask: ${clip(ask, ASK_MAX)}`];
  const latest = ticket.publicMessages.slice(-LATEST_REPLIES);
  for (const m of latest) lines.push(`• ${oneLine(m.author)} on ${dateOf(m.at)}: ${clip(oneLine(m.body), REPLY_MAX)}`);
  if (ticket.publicMessages.length === 0) lines.push("• No replies on the ticket yet.");
  return clip(lines.join("\n"), APPROVAL_SUMMARY_MAX_CHARS);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function dateOf(at: Date | string): string {
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? "an earlier date" : d.toISOString().slice(0, 10);
}
