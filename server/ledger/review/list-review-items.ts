/**
 * Changes upstream of posted entries, for an admin to resolve: each with both
 * sides, the posted entry's lines and what the source says now, and, once
 * resolved, how, why, by whom and when.
 */
import type { DbOrTx } from "@/server/db";
import type { Page } from "@/lib/validators/common";
import type { ListReviewItemsInput } from "@/lib/validators/ledger";
import { readSnapshot, type ReviewSnapshot } from "./review-snapshot";

export interface ReviewItemRow {
  id: string;
  reason: string;
  createdAt: Date;
  invoice: { legacyId: string; number: string | null; partner: string | null; processorId: string | null } | null;
  posted: { ref: string; date: Date; lines: { account: string; description: string; debit: string; credit: string }[] } | null;
  sourceNow: ReviewSnapshot | null;
  resolution: string | null;
  note: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  adjustment: { id: string; state: "draft" | "posted" } | null;
}

export async function listReviewItems(db: DbOrTx, input: ListReviewItemsInput): Promise<Page<ReviewItemRow>> {
  const where = { resolvedAt: input.state === "open" ? null : { not: null } };
  const [items, total] = await Promise.all([
    db.ledgerReviewItem.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
    db.ledgerReviewItem.count({ where }),
  ]);
  const entryIds = [...items.map((i) => i.entryId), ...items.flatMap((i) => (i.adjustmentEntryId ? [i.adjustmentEntryId] : []))];
  const [invoices, entries, users] = await Promise.all([
    db.ledgerSourceInvoice.findMany({ where: { id: { in: items.map((i) => i.sourceInvoiceId) } } }),
    db.ledgerEntry.findMany({
      where: { id: { in: entryIds } },
      include: { lines: { orderBy: { position: "asc" }, include: { account: { select: { code: true, name: true } } } } },
    }),
    db.user.findMany({ where: { id: { in: items.flatMap((i) => (i.resolvedById ? [i.resolvedById] : [])) } }, select: { id: true, name: true, email: true } }),
  ]);
  const invoiceById = new Map(invoices.map((i) => [i.id, i]));
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const userById = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return {
    rows: items.map((item) => {
      const invoice = invoiceById.get(item.sourceInvoiceId);
      const entry = entryById.get(item.entryId);
      const adjustment = item.adjustmentEntryId ? entryById.get(item.adjustmentEntryId) : undefined;
      return {
        id: item.id,
        reason: item.reason,
        createdAt: item.createdAt,
        invoice: invoice ? { legacyId: invoice.legacyId, number: invoice.number, partner: invoice.partner, processorId: invoice.processorId } : null,
        posted: entry
          ? {
              ref: entry.ref,
              date: entry.date,
              lines: entry.lines.map((l) => ({ account: `${l.account.code} ${l.account.name}`, description: l.description, debit: l.debit.toFixed(2), credit: l.credit.toFixed(2) })),
            }
          : null,
        sourceNow: readSnapshot(item.sourceNow),
        resolution: item.resolution,
        note: item.note,
        resolvedAt: item.resolvedAt,
        resolvedBy: item.resolvedById ? (userById.get(item.resolvedById) ?? "deleted user") : null,
        adjustment: adjustment ? { id: adjustment.id, state: adjustment.state } : null,
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
