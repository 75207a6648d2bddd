/**
 * Summaries for a bulk approval request: several tickets at once, a few at a
 * time, under one overall time limit. The wizard must open even when the AI
 * service is slow, so tickets still unfinished at the limit come back empty
 * with a note instead of holding everything up.
 */
import type { TicketSummary } from "./summary-prompt";

/** The most summaries ever requested at the same time. */
export const MAX_SUMMARY_CONCURRENCY = 5;
export const DEFAULT_OVERALL_TIMEOUT_MS = 30_000;

export const OVERALL_TIMEOUT_NOTE =
  "The AI summary was not ready before the time limit for this batch. Write a short brief yourself.";
export const SUMMARY_FAILED_NOTE = "The AI summary could not be generated. Write a short brief yourself.";

export interface GeneratedSummary {
  ticketId: string;
  summary: string;
  note?: string;
}

export interface GenerateSummariesOptions {
  /** Summaries in flight at once; clamped to 1…`MAX_SUMMARY_CONCURRENCY` (default 5). */
  concurrency?: number;
  /** After this, unfinished tickets get an empty summary and the function returns. */
  overallTimeoutMs?: number;
}

/**
 * Runs `summarize` for each ticket, at most `concurrency` at a time, and
 * returns one result per ticket in input order. `summarize` receives an
 * AbortSignal that fires at the overall limit so it can cancel its request;
 * a rejection from it becomes an empty summary with a note.
 */
export async function generateSummaries<T extends { ticketId: string }>(
  tickets: readonly T[],
  summarize: (ticket: T, signal: AbortSignal) => Promise<TicketSummary>,
  options: GenerateSummariesOptions = {},
): Promise<GeneratedSummary[]> {
  const concurrency = Math.min(MAX_SUMMARY_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? MAX_SUMMARY_CONCURRENCY)));
  const overallTimeoutMs = Math.max(0, options.overallTimeoutMs ?? DEFAULT_OVERALL_TIMEOUT_MS);
  const results: Array<GeneratedSummary | undefined> = new Array(tickets.length).fill(undefined);
  const controller = new AbortController();
  let next = 0;

  const runOne = async (index: number, ticket: T): Promise<void> => {
    let outcome: GeneratedSummary;
    try {
      const { summary, note } = await summarize(ticket, controller.signal);
      outcome = note ? { ticketId: ticket.ticketId, summary, note } : { ticketId: ticket.ticketId, summary };
    } catch {
      outcome = { ticketId: ticket.ticketId, summary: "", note: SUMMARY_FAILED_NOTE };
    }
    // A late answer after the limit is ignored: the wizard already has its rows.
    if (!controller.signal.aborted) results[index] = outcome;
  };

  const worker = async (): Promise<void> => {
    while (!controller.signal.aborted && next < tickets.length) {
      const index = next;
      next += 1;
      await runOne(index, tickets[index] as T);
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve();
    }, overallTimeoutMs);
  });
  const workers = Array.from({ length: Math.min(concurrency, tickets.length) }, () => worker());
  try {
    await Promise.race([Promise.all(workers), deadline]);
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort();
  }

  return tickets.map(
    (ticket, index) => results[index] ?? { ticketId: ticket.ticketId, summary: "", note: OVERALL_TIMEOUT_NOTE },
  );
}
