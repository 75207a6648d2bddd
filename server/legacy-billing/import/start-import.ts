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
import { openConfiguredLegacySource } from "./legacy-settings";
import { continueImportRun, createImportRun, ImportRunError, type ImportPhase } from "./run-import";

/** Opens the configured source, runs (or resumes) the run, closes the source. */
export async function executeImportRun(db: Db, runId: string, onlyPhase?: ImportPhase) {
  const source = await openConfiguredLegacySource(db);
  try {
    return await continueImportRun(db, runId, source, { onlyPhase });
  } finally {
    await source.close();
  }
}

async function handOff(runId: string): Promise<void> {
  await sendOrRunInline(
    "legacy.import",
    () => inngest.send(legacyImportRequested.create({ runId })),
    () => {
      // Not awaited: the console follows progress on the run record.
      void executeImportRun(appDb, runId).catch((error: unknown) =>
        logger.warn("legacy.import_inline_failed", { runId, error: error instanceof Error ? error.message : String(error) }),
      );
    },
  );
}

export async function startImport(db: Db, opts: { dryRun: boolean; userId: string }) {
  const source = await openConfiguredLegacySource(db);
  let runId: string;
  try {
    runId = (await createImportRun(db, source, { dryRun: opts.dryRun, userId: opts.userId })).id;
  } finally {
    await source.close();
  }
  await handOff(runId);
  return { runId };
}

/** Resumes a failed run at its checkpoint. */
export async function resumeImport(db: Db, runId: string) {
  const run = await db.legacyImportRun.findUnique({ where: { id: runId } });
  if (!run) throw new ImportRunError("That import run was not found");
  if (run.status !== "failed") throw new ImportRunError(`Only a failed run can be resumed (this one is ${run.status})`);
  // Check the source before handing off, so a still-broken URL is reported here.
  (await openConfiguredLegacySource(db)).close().catch(() => undefined);
  await handOff(runId);
  return { runId };
}
