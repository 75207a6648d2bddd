/**
 * After commit: wakes the sync-queue workers of the connections whose field
 * jobs just got work (the queue items were written with the change). A lost
 * wake-up only delays the work to the engine's next scheduled drain.
 */
import { db } from "@/server/db";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";

/** Wakes the queue of each job's connection. */
export async function dispatchFieldJobWork(fieldJobIds: readonly string[]): Promise<void> {
  if (fieldJobIds.length === 0) return;
  const jobs = await db.fieldJob.findMany({ where: { id: { in: [...fieldJobIds] } }, select: { connectionId: true } });
  await dispatchSyncWork([...new Set(jobs.map((j) => j.connectionId))]);
}
