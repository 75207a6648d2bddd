/**
 * The wizard's AI drafts: one summary per ticket, at most 5 in flight, under
 * one overall time limit. With no AI key nothing leaves the server and every
 * draft comes back empty with a note; the agent writes the brief instead.
 */
import type { AiConfig } from "@/server/ai/ai-env";
import type { DbOrTx } from "@/server/db";
import { unsafeLoadApprovalTickets } from "./approval-tickets";
import { toSummaryInput } from "./approval-tickets";
import { DEFAULT_OVERALL_TIMEOUT_MS, generateSummaries, type GeneratedSummary } from "./generate-summaries";
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
  return { aiEnabled: Boolean(ai.apiKey), summaries };
}
