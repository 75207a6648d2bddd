/** One import run's per-row results, filtered by outcome, in keyset pages (the run history is runs/list-runs.ts). */
import type { DbOrTx } from "@/server/db";
import type { LegacyImportOutcome } from "@/server/generated/prisma/client";

export async function listImportResults(db: DbOrTx, input: { runId: string; outcome?: LegacyImportOutcome; cursor?: string; limit?: number }) {
  const limit = input.limit ?? 50;
  const rows = await db.legacyImportRowResult.findMany({
    where: { runId: input.runId, ...(input.outcome ? { outcome: input.outcome } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
