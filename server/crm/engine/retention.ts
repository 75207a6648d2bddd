/**
 * Keeps the CRM history bounded: remote calls, finished queue items and runs
 * older than the retention period go, and so do expired queued secrets. Dead
 * and waiting items stay until a person deals with them.
 */
import type { Db } from "@/server/db";

export interface PurgeResult {
  calls: number;
  items: number;
  runs: number;
  secrets: number;
  webhookEvents: number;
}

export async function purgeCrmHistory(db: Db, opts: { retentionDays: number; now?: Date }): Promise<PurgeResult> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - opts.retentionDays * 86_400_000);
  const [calls, items, runs, secrets, webhookEvents] = await db.$transaction([
    db.syncCallLog.deleteMany({ where: { createdAt: { lt: cutoff } } }),
    db.syncQueueItem.deleteMany({ where: { status: "SUCCEEDED", finishedAt: { lt: cutoff } } }),
    db.syncRun.deleteMany({ where: { finishedAt: { lt: cutoff } } }),
    db.syncSecret.deleteMany({ where: { expiresAt: { lt: now } } }),
    // Old event ids can go: their timestamps are far outside the signature's tolerance.
    db.crmWebhookEvent.deleteMany({ where: { receivedAt: { lt: cutoff } } }),
  ]);
  return { calls: calls.count, items: items.count, runs: runs.count, secrets: secrets.count, webhookEvents: webhookEvents.count };
}
