/**
 * Starting and resuming reconciliation runs from the console: the run record
 * is created here (so a second concurrent run is refused at once); its
 * batches are worked by the `run-legacy-reconciliation` Inngest function, or
 * in this process when Inngest is not reachable.
 */
import { inngest } from "@/inngest/client";
import { legacyReconciliationRequested } from "@/inngest/events";
import { db as appDb, type Db } from "@/server/db";
import { logger } from "@/server/logger";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { getTolerance, openConfiguredLegacySource } from "../import/legacy-settings";
import { claimForResume, LeaseLostError } from "../runs/run-lease";
import { withRunSource } from "../runs/with-run-source";
import { continueReconciliationRun, createReconciliationRun, reconcileNextBatch } from "./reconciliation-runs";

/** Opens the source only to check it (so a broken URL is reported to the console at once). */
async function checkSource(db: Db): Promise<void> {
  await (await openConfiguredLegacySource(db)).close();
}

/**
 * One batch as the worker holding `leaseId` (an Inngest step). `done` is
 * true once the run completed, or when a resume took it over (`takenOver`).
 */
export async function executeReconciliationBatch(db: Db, runId: string, leaseId: string): Promise<{ done: boolean; takenOver?: boolean }> {
  try {
    return await withRunSource(db, { kind: "reconciliation", id: runId, leaseId }, (source) => reconcileNextBatch(db, runId, leaseId, source));
  } catch (error) {
    if (error instanceof LeaseLostError) return { done: true, takenOver: true };
    throw error;
  }
}

async function handOff(runId: string, leaseId: string): Promise<void> {
  await sendOrRunInline(
    "legacy.reconciliation",
    () => inngest.send(legacyReconciliationRequested.create({ runId, leaseId })),
    () => {
      // Not awaited: the console follows progress on the run record.
      void withRunSource(appDb, { kind: "reconciliation", id: runId, leaseId }, (source) => continueReconciliationRun(appDb, runId, leaseId, source)).catch((error: unknown) =>
        logger.warn("legacy.reconciliation_inline_failed", { runId, error: error instanceof Error ? error.message : String(error) }),
      );
    },
  );
}

/** Checks the source is readable, creates the run with the tolerance from settings, hands it off. */
export async function startReconciliation(db: Db, opts: { period?: string; userId: string }) {
  await checkSource(db);
  const run = await createReconciliationRun(db, { period: opts.period, tolerance: await getTolerance(db), userId: opts.userId });
  await handOff(run.id, run.leaseId!);
  return { runId: run.id };
}

/** Resumes a failed or stalled run at its checkpoint under a new lease (runs/run-lease.ts). */
export async function resumeReconciliation(db: Db, runId: string) {
  await checkSource(db);
  const leaseId = await claimForResume(db, "reconciliation", runId);
  await handOff(runId, leaseId);
  return { runId };
}
