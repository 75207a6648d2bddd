/**
 * Progress of a connection's latest onboarding backfill, for the console:
 * the push run (existing customers matched to CRM records by key or e-mail,
 * or created) with its counts, the first pull after it, and the reasons the
 * customers that have not made it yet failed, in the CRM's words.
 */
import type { Db } from "@/server/db";
import type { SyncRun } from "@/server/generated/prisma/client";
import { getLiveConnectionOrThrow } from "./manage-connections";

export interface BackfillProgress {
  push: RunView | null;
  pull: RunView | null;
  /** Still running: the console polls while this is true. */
  running: boolean;
  /** Customers of this backfill that failed or wait for a retry, with the last error (at most 20). */
  problems: { entityId: string; name: string | null; status: string; attempts: number; error: string | null }[];
}

type RunView = Pick<SyncRun, "id" | "status" | "total" | "processed" | "succeeded" | "failed" | "message" | "startedAt" | "finishedAt">;

const view = (r: SyncRun | null): RunView | null =>
  r && { id: r.id, status: r.status, total: r.total, processed: r.processed, succeeded: r.succeeded, failed: r.failed, message: r.message, startedAt: r.startedAt, finishedAt: r.finishedAt };

export async function getBackfillProgress(db: Db, connectionId: string): Promise<BackfillProgress> {
  await getLiveConnectionOrThrow(db, connectionId);
  const latest = (kind: "PUSH" | "PULL") =>
    db.syncRun.findFirst({ where: { connectionId, trigger: "backfill", kind }, orderBy: { startedAt: "desc" } });
  const [push, pull] = await Promise.all([latest("PUSH"), latest("PULL")]);
  if (!push) return { push: null, pull: view(pull), running: pull?.status === "RUNNING", problems: [] };
  const failing = await db.syncQueueItem.findMany({
    where: { connectionId, entity: "customer", status: { in: ["FAILED", "DEAD"] }, createdAt: { lte: push.startedAt }, updatedAt: { gte: push.startedAt } },
    orderBy: { updatedAt: "desc" },
    take: 20,
    select: { entityId: true, status: true, attempts: true, lastError: true },
  });
  const names = new Map(
    (await db.customer.findMany({ where: { id: { in: failing.map((f) => f.entityId) } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]),
  );
  return {
    push: view(push),
    pull: view(pull),
    running: push.status === "RUNNING" || pull?.status === "RUNNING",
    problems: failing.map((f) => ({ entityId: f.entityId, name: names.get(f.entityId) ?? null, status: f.status, attempts: f.attempts, error: f.lastError })),
  };
}
