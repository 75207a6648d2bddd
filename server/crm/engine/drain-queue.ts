/**
 * Draining a connection's queue: claim a batch of due items, run it, repeat
 * until nothing is due or the time budget is spent (an Inngest step must end
 * in time; the rest is picked up by the next run). A "Run now" passes a
 * SyncRun id and sees its counts grow as batches finish.
 */
import { appEnv } from "@/server/config-readers";
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import type { CrmConnector } from "../connector";
import { claimDueItems } from "./claim-items";
import { processBatch, type BatchOptions } from "./process-batch";

export interface DrainOptions {
  /** Stop claiming new batches after this long (default 50 s). */
  budgetMs?: number;
  batchSize?: number;
  concurrency?: number;
  runId?: string;
  backoff?: BatchOptions["backoff"];
  connector?: CrmConnector;
  now?: () => Date;
}

export interface DrainResult {
  processed: number;
  succeeded: number;
  failed: number;
  dead: number;
  /** Items parked until another record reaches the CRM. */
  waiting: number;
  /** Due work was left for the next run (budget spent). */
  moreDue: boolean;
  /** The connection is disabled, deleted or missing: nothing was done. */
  skipped: boolean;
}

export async function drainConnectionQueue(db: Db, connectionId: string, opts: DrainOptions = {}): Promise<DrainResult> {
  const started = Date.now();
  const budgetMs = opts.budgetMs ?? 50_000;
  const result: DrainResult = { processed: 0, succeeded: 0, failed: 0, dead: 0, waiting: 0, moreDue: false, skipped: false };
  const connection = await db.crmConnection.findUnique({ where: { id: connectionId } });
  if (!connection || !connection.enabled || connection.deletedAt) {
    result.skipped = true;
    if (opts.runId) await finishRun(db, opts.runId, "SUCCEEDED", "The connection is disabled; nothing was pushed");
    return result;
  }
  const backoff = opts.backoff ?? appEnv.crm().backoff;
  try {
    for (;;) {
      if (Date.now() - started > budgetMs) {
        result.moreDue = true;
        break;
      }
      const items = await claimDueItems(db, connectionId, opts.batchSize ?? 50);
      if (items.length === 0) break;
      const pushes = items.filter((i) => i.operation === "CREATE" || i.operation === "UPDATE");
      if (pushes.length) {
        await db.syncLink.updateMany({
          where: { connectionId, OR: pushes.map((i) => ({ entity: i.entity, entityId: i.entityId })) },
          data: { status: "SYNCING" },
        });
      }
      const batch = await processBatch(db, connection, items, {
        backoff,
        concurrency: opts.concurrency,
        connector: opts.connector,
        now: opts.now,
      });
      result.processed += items.length;
      result.succeeded += batch.succeeded;
      result.failed += batch.failed;
      result.dead += batch.dead;
      result.waiting += batch.waiting;
      if (opts.runId) {
        await db.syncRun.update({
          where: { id: opts.runId },
          data: { processed: result.processed, succeeded: result.succeeded, failed: result.failed + result.dead },
        });
      }
    }
    // "Last push" moves on every run that was asked for or did something, zero records included.
    if (opts.runId || result.processed) await db.crmConnection.update({ where: { id: connectionId }, data: { lastPushAt: new Date() } });
    if (opts.runId) {
      const msg = `${result.succeeded} pushed, ${result.failed} to retry, ${result.dead} dead`;
      await finishRun(db, opts.runId, "SUCCEEDED", result.moreDue ? `${msg}; more continues in the background` : msg);
    }
  } catch (error) {
    logger.error("crm.drain_failed", { connectionId, err: error });
    if (opts.runId) await finishRun(db, opts.runId, "FAILED", error instanceof Error ? error.message : String(error));
    throw error;
  }
  return result;
}

async function finishRun(db: Db, runId: string, status: "SUCCEEDED" | "FAILED", message: string): Promise<void> {
  await db.syncRun.update({ where: { id: runId }, data: { status, message: message.slice(0, 1000), finishedAt: new Date() } });
}
