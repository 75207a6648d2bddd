/**
 * Who may work a legacy run (an import or a reconciliation), and how a
 * killed worker is noticed. A worker holds the run's `leaseId` and moves
 * `heartbeatAt` with every row it finishes, in the same transaction as the
 * row, guarded by its lease. A process that dies stops the heartbeat, so a
 * run still "running" with an old heartbeat is stalled; resuming it takes a
 * new lease in one conditional UPDATE, which fences off the old worker (its
 * next guarded write matches no row and rolls back) and lets only one of two
 * racing resumes win.
 */
import crypto from "node:crypto";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

/** No heartbeat for this long means the worker is gone: a row takes milliseconds, a source page seconds. */
export const STALL_AFTER_MS = 2 * 60_000;

export type RunKind = "import" | "reconciliation";
export type RunState = "running" | "stalled" | "completed" | "failed";

/** The worker lost its lease to a resume (or the run was finished by another): it must stop and write nothing more. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
  constructor(readonly runId: string) {
    super(`Run ${runId} was taken over by another worker`);
  }
}

/** A resume that is not allowed (still running with a live heartbeat, already completed, or not found). */
export class RunClaimError extends Error {
  override name = "RunClaimError";
}

export function newLeaseId(): string {
  return crypto.randomUUID();
}

/** What the console shows: a running run whose worker stopped beating is "stalled". */
export function runState(run: { status: "running" | "completed" | "failed"; heartbeatAt: Date }, now: Date = new Date()): RunState {
  if (run.status === "running" && now.getTime() - run.heartbeatAt.getTime() > STALL_AFTER_MS) return "stalled";
  return run.status;
}

type Claim = { where: Prisma.LegacyImportRunWhereInput & Prisma.LegacyReconciliationRunWhereInput; data: { status: "running"; error: null; heartbeatAt: Date; leaseId?: string } };

async function updateRuns(db: DbOrTx, kind: RunKind, claim: Claim): Promise<number> {
  const result = kind === "import" ? await db.legacyImportRun.updateMany(claim) : await db.legacyReconciliationRun.updateMany(claim);
  return result.count;
}

async function readRun(db: DbOrTx, kind: RunKind, id: string) {
  const select = { status: true, heartbeatAt: true } as const;
  return kind === "import" ? db.legacyImportRun.findUnique({ where: { id }, select }) : db.legacyReconciliationRun.findUnique({ where: { id }, select });
}

/**
 * The console's Resume: takes a new lease on a failed or stalled run. One
 * UPDATE with the condition in its WHERE, so of two racing resumes (or a
 * resume racing a worker that is in fact alive) at most one wins.
 */
export async function claimForResume(db: DbOrTx, kind: RunKind, id: string, now: Date = new Date()): Promise<string> {
  const leaseId = newLeaseId();
  const stale = new Date(now.getTime() - STALL_AFTER_MS);
  const count = await updateRuns(db, kind, {
    where: { id, OR: [{ status: "failed" }, { status: "running", heartbeatAt: { lt: stale } }] },
    data: { status: "running", error: null, heartbeatAt: now, leaseId },
  });
  if (count === 1) return leaseId;
  const run = await readRun(db, kind, id);
  if (!run) throw new RunClaimError(`That ${kind} run was not found`);
  const state = runState(run, now);
  throw new RunClaimError(
    state === "running"
      ? `This ${kind} run is still running (its worker reported ${Math.round((now.getTime() - run.heartbeatAt.getTime()) / 1000)} s ago); only a failed or stalled run can be resumed`
      : `This ${kind} run is ${state}; only a failed or stalled run can be resumed`,
  );
}

/**
 * The worker's own (re)entry, e.g. an Inngest retry of a step: allowed while
 * it still holds the lease, whatever the run's running/failed state.
 * Returns false when the run is already completed; throws LeaseLostError
 * when another worker took it over.
 */
export async function enterLease(db: DbOrTx, kind: RunKind, id: string, leaseId: string, now: Date = new Date()): Promise<boolean> {
  const count = await updateRuns(db, kind, {
    where: { id, leaseId, status: { not: "completed" } },
    data: { status: "running", error: null, heartbeatAt: now },
  });
  if (count === 1) return true;
  const run = await readRun(db, kind, id);
  if (run?.status === "completed") return false;
  throw new LeaseLostError(id);
}

/** Marks the run failed with a message for the console, if this worker still holds it. */
export async function failRun(db: DbOrTx, kind: RunKind, id: string, leaseId: string, message: string): Promise<void> {
  const args = { where: { id, leaseId, status: "running" as const }, data: { status: "failed" as const, error: message } };
  if (kind === "import") await db.legacyImportRun.updateMany(args);
  else await db.legacyReconciliationRun.updateMany(args);
}
