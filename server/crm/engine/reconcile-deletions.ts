/**
 * Deletions a pull cannot see: where a CRM's change feed is broken and the
 * pull reads by modification time (Vtiger's VTQL fallback), a deleted record
 * simply stops appearing. After such a pull, the ids of every linked record
 * are checked with the CRM in batches; the ones it no longer has are marked
 * REMOTE_DELETED, as a feed's deletion would be. Costs one query per 100
 * linked records per pull.
 */
import type { Db } from "@/server/db";
import type { CrmConnector } from "../connector";

const LINK_BATCH = 500;

export async function markMissingRemoteRecords(db: Db, connector: CrmConnector, connectionId: string, module: string, now: Date): Promise<number> {
  if (!connector.findMissing) return 0;
  let marked = 0;
  let afterId = "";
  for (;;) {
    const links = await db.syncLink.findMany({
      where: { connectionId, module, externalId: { not: null }, status: { not: "REMOTE_DELETED" }, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: LINK_BATCH,
      select: { id: true, externalId: true },
    });
    if (links.length === 0) return marked;
    afterId = links[links.length - 1]!.id;
    const missing = new Set(await connector.findMissing(module, links.map((l) => l.externalId!)));
    const gone = links.filter((l) => missing.has(l.externalId!)).map((l) => l.id);
    if (gone.length) {
      const { count } = await db.syncLink.updateMany({
        where: { id: { in: gone }, status: { not: "REMOTE_DELETED" } },
        data: { status: "REMOTE_DELETED", remoteDeletedAt: now, lastError: "Deleted in the CRM (found missing by id after a query pull)" },
      });
      marked += count;
    }
    if (links.length < LINK_BATCH) return marked;
  }
}
