/**
 * Onboarding a connection over existing data: when a connection is created
 * or enabled, every customer it has no link for is queued for a push (the
 * connector adopts a CRM record with the same key or e-mail before it
 * creates one), tracked by a PUSH run the dashboard shows with its progress
 * and summary, and a first pull is started after it.
 */
import type { Db } from "@/server/db";
import type { SyncRun } from "@/server/generated/prisma/client";
import { dispatchPull, dispatchSyncWork } from "../engine/dispatch";
import { enqueueUnsyncedCustomers } from "@/server/customers/sweep-customers";
import { getLiveConnectionOrThrow } from "./manage-connections";

const BACKFILL_BATCH = 500;

export async function startBackfill(db: Db, connectionId: string, userId?: string): Promise<{ run: SyncRun; queued: number }> {
  const conn = await getLiveConnectionOrThrow(db, connectionId);
  let queued = 0;
  for (;;) {
    const batch = await enqueueUnsyncedCustomers(db, { connectionId: conn.id, limit: BACKFILL_BATCH });
    queued += batch.queued;
    if (batch.queued < BACKFILL_BATCH) break;
  }
  const total = await db.syncQueueItem.count({ where: { connectionId: conn.id, status: { in: ["PENDING", "FAILED"] } } });
  const run = await db.syncRun.create({
    data: { connectionId: conn.id, kind: "PUSH", trigger: "backfill", total, startedById: userId ?? null },
  });
  await dispatchSyncWork([conn.id], run.id);
  const pull = await db.syncRun.create({ data: { connectionId: conn.id, kind: "PULL", trigger: "backfill", startedById: userId ?? null } });
  await dispatchPull(conn.id, pull.id);
  return { run, queued };
}
