/**
 * The one way after-commit work is handed to Inngest. When the send fails (no
 * Inngest server reachable) the work runs in this process instead, and that is
 * a warning with a running count: a deploy whose sends all fail runs no
 * schedules, and the count in the log and /api/health makes that visible.
 */
import { appEnv } from "@/server/config-readers";
import { logger } from "@/server/logger";

const counts = new Map<string, number>();

/**
 * Runs `send`; when it throws (or BACKGROUND_JOBS=inline), runs `inline` here.
 * `kind` names the hand-off in logs and counts ("mail.outbox", "billing.webhooks"…).
 * Rejects only when `inline` does.
 */
export async function sendOrRunInline(kind: string, send: () => Promise<unknown>, inline: () => unknown): Promise<void> {
  if (appEnv.jobs().BACKGROUND_JOBS === "inline") {
    // Chosen on purpose (a test stack): counted, not warned about on every request.
    bump(kind);
    await inline();
    return;
  }
  try {
    await send();
    return;
  } catch (error) {
    const count = bump(kind);
    logger.warn("jobs.inline_fallback", {
      kind,
      count,
      total: totalInlineFallbacks(),
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  await inline();
}

function bump(kind: string): number {
  const next = (counts.get(kind) ?? 0) + 1;
  counts.set(kind, next);
  return next;
}

function totalInlineFallbacks(): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

/** Hand-offs this process ran inline instead of through Inngest, by kind. */
export function inlineFallbackCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}

/** Tests: forget the counts. */
export function resetInlineFallbackCounts(): void {
  counts.clear();
}
