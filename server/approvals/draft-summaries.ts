/**
 * The wizard's AI drafts: one summary per ticket, at most 5 in flight, under
 * one overall time limit. With no AI key nothing leaves the server; then, and
 * for any draft that failed, the brief is prefilled from the description and
 * public thread (fallback-summary.ts) with a note saying so.
 */
import type { AiConfig } from "@/server/ai/ai-env";
import type { DbOrTx } from "@/server/db";
import { unsafeLoadApprovalTickets } from "./approval-tickets";
import { toSummaryInput } from "./approval-tickets";
import { DEFAULT_OVERALL_TIMEOUT_MS, generateSummaries, type GeneratedSummary } from "./generate-summaries";
import { FALLBACK_NOTES, fallbackSummary } from "./fallback-summary";
import { summarizeTicket } from "./summary-prompt";

export interface DraftSummariesResult {
  /** False when no AI key is configured: drafts are empty and ticket content was not sent anywhere. */
  aiEnabled: boolean;
  summaries: GeneratedSummary[];
}

/** Drafts summaries for these tickets (unknown ids are skipped). */
export async function unsafeDraftApprovalSummaries(
  db: DbOrTx,
  ticketIds: readonly string[],
  ai: AiConfig,
  opts: { overallTimeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<DraftSummariesResult> {
  const tickets = await unsafeLoadApprovalTickets(db, ticketIds);
  const summaries = await generateSummaries(
    tickets.map((ticket) => ({ ticketId: ticket.id, ticket })),
    ({ ticket }, signal) =>
      summarizeTicket(toSummaryInput(ticket), {
        baseUrl: ai.baseUrl,
        apiKey: ai.apiKey,
        model: ai.model,
        timeoutMs: ai.timeoutMs,
        fetchImpl: opts.fetchImpl,
        signal,
      }),
    { overallTimeoutMs: opts.overallTimeoutMs ?? Math.max(DEFAULT_OVERALL_TIMEOUT_MS, ai.timeoutMs + 1_000) },
  );
  const aiEnabled = Boolean(ai.apiKey?.trim());
  const byId = new Map(tickets.map((t) => [t.id, t]));
  return {
    aiEnabled,
    summaries: summaries.map((s) => {
      const ticket = byId.get(s.ticketId);
      if (s.summary.trim() || !ticket) return s;
      return {
        ticketId: s.ticketId,
        summary: fallbackSummary(ticket),
        // The reason the AI draft failed stays; its "write it yourself" advice gives way to the prefill.
        note: aiEnabled ? `${(s.note ?? "").replace(/\s*Write a short brief yourself\.?$/, "")} ${FALLBACK_NOTES.failed}`.trim() : FALLBACK_NOTES.no_key,
      };
    }),
  };
}
