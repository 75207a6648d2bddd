/**
 * Bulk post after review: only verified invoices post, each with its payment
 * entry when the source confirmed one. Unverified ones are refused by name.
 */
import type { Db } from "@/server/db";
import { postEntries } from "./post-entries";

export interface LegacyPostResult {
  legacyId: string;
  status: "posted" | "already_posted" | "not_verified" | "failed";
  message?: string;
}

/** Posts the given legacy invoices (by LedgerSourceInvoice id), or every verified draft when `ids` is omitted. */
export async function postLegacyInvoices(db: Db, ids?: string[], now = new Date()): Promise<LegacyPostResult[]> {
  const invoices = await db.ledgerSourceInvoice.findMany({
    where: ids ? { id: { in: ids } } : { verification: "verified", entryId: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  const results: LegacyPostResult[] = [];
  for (const invoice of invoices) {
    if (invoice.verification !== "verified" || !invoice.entryId) {
      results.push({ legacyId: invoice.legacyId, status: "not_verified", message: invoice.verifyReason ?? "Not verified against its source yet" });
      continue;
    }
    const entryIds = [invoice.entryId, invoice.paymentEntryId].filter((id): id is string => Boolean(id));
    const posted = await postEntries(db, entryIds, {}, now);
    const failed = posted.find((p) => p.status === "failed");
    results.push(
      failed
        ? { legacyId: invoice.legacyId, status: "failed", message: failed.message }
        : { legacyId: invoice.legacyId, status: posted[0]!.status === "posted" ? "posted" : "already_posted" },
    );
  }
  return results;
}
