/**
 * Resolving a change upstream of a posted entry. The posted entry is never
 * edited: "acknowledge" leaves the books as they are, with the admin's note;
 * "adjust" writes a new DRAFT entry that reverses the posted lines and books
 * the invoice as the source says it now, so once posted the books net to the
 * new figures. Who and when are recorded either way.
 */
import { Decimal } from "decimal.js";
import type { Db } from "@/server/db";
import type { ResolveReviewItemInput } from "@/lib/validators/ledger";
import type { AccountKey } from "../chart-of-accounts";
import { bookingOf, ingestRules } from "../ingest-legacy-invoices";
import { ledgerError, withLedgerRules } from "../ledger-errors";
import { postEntries } from "../post-entries";
import { writeDraftEntry, type EntryLineInput } from "../write-entry";
import { invoiceOf, readSnapshot } from "./review-snapshot";

export const LEGACY_ADJUSTMENT_SOURCE = "legacy-adjustment";

export async function resolveReviewItem(db: Db, input: ResolveReviewItemInput, userId: string, now = new Date()): Promise<{ adjustmentEntryId: string | null }> {
  return withLedgerRules(() =>
    db.$transaction(async (tx) => {
      const item = await tx.ledgerReviewItem.findUnique({ where: { id: input.id } });
      if (!item) throw ledgerError("not_found", "That review item no longer exists");
      // Conditional on still being open: a second resolve (another tab, a retry) is refused, never applied twice.
      const claimed = await tx.ledgerReviewItem.updateMany({
        where: { id: item.id, resolvedAt: null },
        data: { resolution: input.action === "adjust" ? "adjusted" : "acknowledged", note: input.note, resolvedById: userId, resolvedAt: now },
      });
      if (claimed.count === 0) throw ledgerError("invalid_state", "This change was already resolved");
      if (input.action === "acknowledge") return { adjustmentEntryId: null };

      const snapshot = readSnapshot(item.sourceNow);
      if (!snapshot) throw ledgerError("invalid_state", "What the source said is not on record for this item: acknowledge it instead");
      const [posted, invoice] = await Promise.all([
        tx.ledgerEntry.findUniqueOrThrow({ where: { id: item.entryId }, include: { lines: { orderBy: { position: "asc" }, include: { account: { select: { key: true } } } } } }),
        tx.ledgerSourceInvoice.findUniqueOrThrow({ where: { id: item.sourceInvoiceId } }),
      ]);
      const { rules, taxPercents } = await ingestRules(tx);
      const current = invoiceOf(invoice.legacyId, snapshot);
      const booking = bookingOf(current, rules, taxPercents);
      const reversal: EntryLineInput[] = posted.lines.map((l) => ({
        account: l.account.key as AccountKey,
        description: `Reverses: ${l.description}`,
        amount: new Decimal(l.credit.toString()).minus(l.debit.toString()),
        ...(l.family ? { family: l.family } : {}),
      }));
      const adjustmentEntryId = await writeDraftEntry(tx, {
        journal: "SALES",
        date: now,
        ref: `ADJ ${posted.ref}`,
        memo: item.reason,
        partner: snapshot.partner,
        currency: snapshot.currency,
        sourceKind: LEGACY_ADJUSTMENT_SOURCE,
        sourceId: item.id,
        lines: [...reversal, ...booking.entry.lines],
      });
      await tx.ledgerReviewItem.update({ where: { id: item.id }, data: { adjustmentEntryId } });
      // The books now follow the source's new figures: later changes are compared with these.
      await tx.ledgerSourceInvoice.update({
        where: { id: invoice.id },
        data: {
          subtotal: snapshot.subtotal, tax: snapshot.tax, total: snapshot.total, fingerprint: item.fingerprint,
          taxRatePercent: booking.taxRatePercent.toString(), taxMismatch: booking.taxMismatch, unmatchedLines: booking.unmatchedLines,
        },
      });
      return { adjustmentEntryId };
    }),
  );
}

/** Posts a resolved item's adjusting draft. */
export async function postReviewAdjustment(db: Db, reviewItemId: string, now = new Date()): Promise<void> {
  const item = await db.ledgerReviewItem.findUnique({ where: { id: reviewItemId }, select: { adjustmentEntryId: true } });
  if (!item) throw ledgerError("not_found", "That review item no longer exists");
  if (!item.adjustmentEntryId) throw ledgerError("invalid_state", "This item has no adjusting entry to post");
  const [result] = await postEntries(db, [item.adjustmentEntryId], {}, now);
  if (result!.status === "already_posted") throw ledgerError("invalid_state", "The adjusting entry is already posted");
  if (result!.status === "failed") throw ledgerError("invalid_state", result!.message ?? "The adjusting entry could not be posted");
}
