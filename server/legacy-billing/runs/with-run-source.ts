import type { DbOrTx } from "@/server/db";
import { openConfiguredLegacySource } from "../import/legacy-settings";
import { LegacySourceError } from "../source/legacy-source-error";
import type { LegacySource } from "../source/open-legacy-source";
import { failRun, type RunKind } from "./run-lease";

/**
 * Opens the configured legacy database for one stretch of a run's work and
 * closes it after. A source that cannot be opened (unreachable, or a table or
 * column gone since the run started) fails the run with that message, so the
 * console says why and offers Resume, instead of the run sitting "running".
 */
export async function withRunSource<T>(db: DbOrTx, run: { kind: RunKind; id: string; leaseId: string }, work: (source: LegacySource) => Promise<T>): Promise<T> {
  let source: LegacySource;
  try {
    source = await openConfiguredLegacySource(db);
  } catch (error) {
    if (error instanceof LegacySourceError) await failRun(db, run.kind, run.id, run.leaseId, error.message);
    throw error;
  }
  try {
    return await work(source);
  } finally {
    await source.close();
  }
}
