import { Middleware } from "inngest";
import { CRON_EVENT, recordCronRun } from "@/server/ops/cron-runs";
import { logger } from "@/server/logger";

/**
 * Records every run of a scheduled function in CronRun (server/ops/cron-runs.ts),
 * so no function has to remember to, and /api/health can tell a stalled
 * schedule from a quiet one. Event-triggered runs of the same functions are not
 * counted: they say nothing about the schedule.
 */
export class CronRunMiddleware extends Middleware.BaseMiddleware {
  readonly id = "switchboard-cron-runs";

  override async onRunComplete({ ctx, fn }: Middleware.OnRunCompleteArgs) {
    if (ctx.event?.name !== CRON_EVENT) return;
    await record(fn.opts.id, { ok: true });
  }

  override async onRunError({ ctx, fn, error, isFinalAttempt }: Middleware.OnRunErrorArgs) {
    if (ctx.event?.name !== CRON_EVENT || !isFinalAttempt) return;
    await record(fn.opts.id, { ok: false, error: error.message });
  }
}

async function record(functionId: string, outcome: { ok: true } | { ok: false; error: string }) {
  try {
    // Imported here so that importing the Inngest client never opens a database pool.
    const { db } = await import("@/server/db");
    await recordCronRun(db, functionId, outcome);
  } catch (error) {
    // Bookkeeping must not fail the run it describes; a missing row shows as "stalled".
    logger.error("jobs.cron_run_not_recorded", { functionId, error: error instanceof Error ? error.message : String(error) });
  }
}
