import type { DbOrTx } from "@/server/db";

/** Every audit line says which mode it happened in; the words are the ones admins search for. */
export function auditMode(dryRun: boolean): "DRY RUN" | "COMMITTED" {
  return dryRun ? "DRY RUN" : "COMMITTED";
}

/** One line of the wizard's audit trail, written in the transaction of what it describes. */
export async function recordMigrationAudit(
  db: DbOrTx,
  entry: { run: { id: string; dryRun: boolean }; itemId?: string; action: string; detail: string; actorUserId: string },
) {
  await db.contractMigrationAudit.create({
    data: {
      runId: entry.run.id,
      itemId: entry.itemId ?? null,
      mode: auditMode(entry.run.dryRun),
      action: entry.action,
      detail: `${auditMode(entry.run.dryRun)}: ${entry.detail}`,
      actorUserId: entry.actorUserId,
    },
  });
}
