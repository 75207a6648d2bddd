/**
 * "Run now" on the dashboard: a push (drain what is due) or a pull, started
 * in the background and tracked by a SyncRun row the page polls for progress.
 */
import type { Db } from "@/server/db";
import type { SyncRun } from "@/server/generated/prisma/client";
import { SQL_NOW } from "../engine/sql";
import { dispatchPull, dispatchSyncWork } from "../engine/dispatch";
import { CrmError } from "../errors";
import { getLiveConnectionOrThrow } from "../connections/manage-connections";

export async function startRun(db: Db, input: { connectionId: string; kind: "PUSH" | "PULL"; userId: string }): Promise<SyncRun> {
  const conn = await getLiveConnectionOrThrow(db, input.connectionId);
  if (!conn.enabled) throw new CrmError("bad_request", "Enable the connection first");
  const active = await db.syncRun.findFirst({
    where: { connectionId: conn.id, kind: input.kind, status: "RUNNING", startedAt: { gt: new Date(Date.now() - 15 * 60_000) } },
  });
  if (active) return active;
  let total: number | null = null;
  if (input.kind === "PUSH") {
    const rows = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "SyncQueueItem"
      WHERE "connectionId" = ${conn.id} AND "status" IN ('PENDING', 'FAILED') AND "nextAttemptAt" <= ${SQL_NOW}`;
    total = Number(rows[0]?.n ?? 0);
  }
  const run = await db.syncRun.create({
    data: { connectionId: conn.id, kind: input.kind, trigger: "manual", total, startedById: input.userId },
  });
  if (input.kind === "PUSH") await dispatchSyncWork([conn.id], run.id);
  else await dispatchPull(conn.id, run.id);
  return run;
}

export async function getRun(db: Db, id: string): Promise<SyncRun | null> {
  return db.syncRun.findUnique({ where: { id } });
}
