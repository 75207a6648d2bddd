/**
 * Starting and resuming import runs from the console: the run record is
 * created here (so a bad URL or a second concurrent run is refused at once),
 * the rows are processed by the `run-legacy-import` Inngest function, or in
 * this process when Inngest is not reachable.
 */
import { inngest } from "@/inngest/client";
import { legacyImportRequested } from "@/inngest/events";
import { db as appDb, type Db } from "@/server/db";
import { logger } from "@/server/logger";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { claimForResume, LeaseLostError } from "../runs/run-lease";
import { withRunSource } from "../runs/with-run-source";
import { openConfiguredLegacySource } from "./legacy-settings";
import { continueImportRun, createImportRun, type ImportPhase } from "./run-import";

/**
 * Opens the configured source, runs (or resumes) the run as the worker
 * holding `leaseId`, closes the source. Null when a resume took the run over:
 * this worker stops quietly.
 */
export async function executeImportRun(db: Db, runId: string, leaseId: string, onlyPhase?: ImportPhase) {
  try {
    return await withRunSource(db, { kind: "import", id: runId, leaseId }, (source) => continueImportRun(db, runId, source, { onlyPhase, leaseId }));
  } catch (error) {
    if (error instanceof LeaseLostError) return null;
    throw error;
  }
}

async function handOff(runId: string, leaseId: string): Promise<void> {
  await sendOrRunInline(
    "legacy.import",
    () => inngest.send(legacyImportRequested.create({ runId, leaseId })),
    () => {
      // Not awaited: the console follows progress on the run record.
      void executeImportRun(appDb, runId, leaseId).catch((error: unknown) =>
        logger.warn("legacy.import_inline_failed", { runId, error: error instanceof Error ? error.message : String(error) }),
      );
    },
  );
}

export async function startImport(db: Db, opts: { dryRun: boolean; userId: string }) {
  const source = await openConfiguredLegacySource(db);
  let run: { id: string; leaseId: string | null };
  try {
    run = await createImportRun(db, source, { dryRun: opts.dryRun, userId: opts.userId });
  } finally {
    await source.close();
  }
  await handOff(run.id, run.leaseId!);
  return { runId: run.id };
}

/**
 * Resumes a failed or stalled run at its checkpoint under a new lease (see
 * runs/run-lease.ts): a second click, or the old worker coming back, cannot
 * double any row.
 */
export async function resumeImport(db: Db, runId: string) {
  // Check the source before claiming, so a still-broken URL is reported here and the run stays resumable.
  await (await openConfiguredLegacySource(db)).close().catch(() => undefined);
  const leaseId = await claimForResume(db, "import", runId);
  await handOff(runId, leaseId);
  return { runId };
}
