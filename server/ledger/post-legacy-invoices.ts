/**
 * Bulk post after review: only verified invoices post, each with its payment
 * entry when the source confirmed one. Unverified ones are refused by name,
 * and so is an invoice whose processor total differs from the legacy total
 * until an admin accepts one side (accept-total-mismatch.ts).
 */
import type { Db } from "@/server/db";
import type { LedgerSourceInvoice } from "@/server/generated/prisma/client";
import { ledgerError } from "./ledger-errors";
import { postEntries } from "./post-entries";

export interface LegacyPostResult {
  legacyId: string;
  status: "posted" | "already_posted" | "not_verified" | "blocked" | "failed";
  message?: string;
}

/** A total mismatch nobody has settled yet. */
export function isBlocked(invoice: Pick<LedgerSourceInvoice, "processorTotal" | "mismatchAt">): boolean {
  return invoice.processorTotal !== null && invoice.mismatchAt === null;
}

/**
 * Posts the given legacy invoices (by LedgerSourceInvoice id), or every verified
 * draft when `ids` is omitted. Naming a blocked invoice refuses the whole
 * request (409, nothing posted); "every verified draft" reports blocked ones as held.
 */
export async function postLegacyInvoices(db: Db, ids?: string[], now = new Date()): Promise<LegacyPostResult[]> {
  const invoices = await db.ledgerSourceInvoice.findMany({
    where: ids ? { id: { in: ids } } : { verification: "verified", entryId: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  const blocked = invoices.filter(isBlocked);
  if (ids && blocked.length > 0) {
    const named = blocked.slice(0, 3).map((i) => `${i.number ?? i.legacyId}: ${i.verifyReason ?? "totals differ"}`).join("; ");
    throw ledgerError("invalid_state", `${named}${blocked.length > 3 ? ` (and ${blocked.length - 3} more)` : ""}. Nothing was posted.`);
  }
  const results: LegacyPostResult[] = [];
  for (const invoice of invoices) {
    if (isBlocked(invoice)) {
      results.push({ legacyId: invoice.legacyId, status: "blocked", message: invoice.verifyReason ?? "Totals differ" });
      continue;
    }
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
