/**
 * Posting: draft → posted, one transaction per entry so one refusal does not
 * hold back the rest. Once posted, the database itself refuses any change.
 */
import type { Db } from "@/server/db";
import { translateLedgerError } from "./ledger-errors";

export interface PostResult {
  entryId: string;
  status: "posted" | "already_posted" | "failed";
  message?: string;
}

/** Posts each draft entry in `entryIds`, dated `dates[id]` when given (a verified invoice date). */
export async function postEntries(db: Db, entryIds: string[], dates: Record<string, Date> = {}, now = new Date()): Promise<PostResult[]> {
  const results: PostResult[] = [];
  for (const entryId of entryIds) {
    try {
      const status = await db.$transaction(async (tx) => {
        const entry = await tx.ledgerEntry.findUnique({ where: { id: entryId }, select: { state: true, _count: { select: { lines: true } } } });
        if (!entry) throw new Error("not found");
        if (entry.state === "posted") return "already_posted" as const;
        if (entry._count.lines === 0) throw new Error("an entry without lines cannot be posted");
        // Conditional on still being a draft: two concurrent posts post once.
        const updated = await tx.ledgerEntry.updateMany({
          where: { id: entryId, state: "draft" },
          data: { state: "posted", postedAt: now, ...(dates[entryId] ? { date: dates[entryId] } : {}) },
        });
        return updated.count === 1 ? ("posted" as const) : ("already_posted" as const);
      });
      results.push({ entryId, status });
    } catch (error) {
      const readable = translateLedgerError(error);
      results.push({ entryId, status: "failed", message: readable instanceof Error && readable !== error ? readable.message : errorText(error) });
    }
  }
  return results;
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === "not found" || message.startsWith("an entry") ? `Entry ${message}` : "The entry could not be posted";
}
