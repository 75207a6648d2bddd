/**
 * A reconciliation run: the shadow subscriptions in legacy-id order, worked
 * in batches. Each subscription's rows are upserted together with the run's
 * counters, checkpoint and heartbeat in ONE transaction guarded by the
 * worker's lease, so a retried or resumed batch starts after the last
 * subscription done and counts nothing twice.
 */
import Decimal from "decimal.js";
import type { Db } from "@/server/db";
import { LEGACY_SERVICE_CODE } from "../import/import-rows";
import { enterLease, LeaseLostError, newLeaseId } from "../runs/run-lease";
import { LegacySourceError } from "../source/legacy-source-error";
import type { LegacySource } from "../source/open-legacy-source";
import { ReconciliationError } from "./review-reconciliation";
import { computeShadowRows, countNotImported, readActuals, saveComputedRow } from "./run-reconciliation";

/** Subscriptions per batch (one Inngest step each): small enough that a step is seconds, not minutes. */
export const RECONCILE_BATCH = 25;

export async function createReconciliationRun(db: Db, opts: { period?: string; tolerance: Decimal.Value; userId?: string | null }) {
  const [running, importing] = await Promise.all([
    db.legacyReconciliationRun.findFirst({ where: { status: "running" }, select: { id: true } }),
    db.legacyImportRun.findFirst({ where: { status: "running", dryRun: false }, select: { id: true } }),
  ]);
  if (running) throw new ReconciliationError("invalid_state", "Another reconciliation run is still running (or stalled): resume or wait for it");
  if (importing) throw new ReconciliationError("invalid_state", "A live import is running: reconcile once it has completed");
  const total = await db.legacyShadowRecord.count({ where: { kind: "subscription" } });
  return db.legacyReconciliationRun.create({
    data: { period: opts.period ?? null, tolerance: new Decimal(opts.tolerance).toFixed(), total, startedById: opts.userId ?? null, leaseId: newLeaseId() },
  });
}

type RunData = Parameters<Db["legacyReconciliationRun"]["updateMany"]>[0]["data"];
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function updateLeased(db: Db | Tx, runId: string, leaseId: string, data: RunData) {
  const { count } = await db.legacyReconciliationRun.updateMany({ where: { id: runId, leaseId }, data: { ...data, heartbeatAt: new Date() } });
  if (count !== 1) throw new LeaseLostError(runId);
}

/**
 * Works the next batch after the checkpoint. Returns whether the run is
 * complete. Source failures mark the run failed (still resumable); a lost
 * lease throws LeaseLostError having written nothing.
 */
export async function reconcileNextBatch(db: Db, runId: string, leaseId: string, source: LegacySource): Promise<{ done: boolean }> {
  if (!(await enterLease(db, "reconciliation", runId, leaseId))) return { done: true };
  try {
    const run = await db.legacyReconciliationRun.findUniqueOrThrow({ where: { id: runId } });
    const period = run.period ?? undefined;
    const service = await db.billingService.findUnique({ where: { code: LEGACY_SERVICE_CODE }, select: { id: true } });
    const shadows = service
      ? await db.legacyShadowRecord.findMany({
          where: { kind: "subscription", ...(run.checkpoint ? { legacyId: { gt: run.checkpoint } } : {}) },
          orderBy: { legacyId: "asc" },
          take: RECONCILE_BATCH,
        })
      : [];
    if (shadows.length > 0) {
      const actuals = await readActuals(
        source,
        shadows.map((s) => s.legacyId),
        period,
      );
      for (const shadow of shadows) {
        const rows = await computeShadowRows(db, service!.id, shadow, actuals, run.tolerance.toString());
        await db.$transaction(async (tx) => {
          // The lease first: a fenced-off worker writes no row.
          const current = await tx.legacyReconciliationRun.findUniqueOrThrow({ where: { id: runId }, select: { periods: true } });
          await updateLeased(tx, runId, leaseId, { checkpoint: shadow.legacyId, processed: { increment: 1 } });
          const counts = { match: 0, delta: 0, resolved: 0 };
          for (const row of rows) counts[await saveComputedRow(tx, row)] += 1;
          const periods = [...new Set([...current.periods, ...rows.map((r) => r.where.period)])].sort();
          await updateLeased(tx, runId, leaseId, {
            periods,
            match: { increment: counts.match },
            delta: { increment: counts.delta },
            resolved: { increment: counts.resolved },
          });
        });
      }
    }
    if (shadows.length === RECONCILE_BATCH) return { done: false };
    await updateLeased(db, runId, leaseId, { notImported: await countNotImported(db, source, period), status: "completed", finishedAt: new Date() });
    return { done: true };
  } catch (error) {
    if (error instanceof LeaseLostError) throw error;
    const message = error instanceof LegacySourceError ? error.message : "The reconciliation stopped unexpectedly; resume it to continue from the last subscription";
    await db.legacyReconciliationRun.updateMany({ where: { id: runId, leaseId }, data: { status: "failed", error: message } });
    throw error;
  }
}

/** Works every remaining batch in this process (the inline fallback, and tests). */
export async function continueReconciliationRun(db: Db, runId: string, leaseId: string, source: LegacySource): Promise<void> {
  while (!(await reconcileNextBatch(db, runId, leaseId, source)).done);
}

/** Creates a run and works it to the end here; returns the finished run. */
export async function runReconciliation(db: Db, source: LegacySource, opts: { period?: string; tolerance: Decimal.Value; userId?: string | null }) {
  const run = await createReconciliationRun(db, opts);
  await continueReconciliationRun(db, run.id, run.leaseId!, source);
  return db.legacyReconciliationRun.findUniqueOrThrow({ where: { id: run.id } });
}
