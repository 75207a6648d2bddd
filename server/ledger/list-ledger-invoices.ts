/** The review list of ingested legacy invoices, with their entry's state, paged and filtered. */
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Page } from "@/lib/validators/common";
import type { ListLedgerInvoicesInput } from "@/lib/validators/ledger";
import { isBlocked } from "./post-legacy-invoices";

export interface LedgerInvoiceRow {
  id: string;
  legacyId: string;
  number: string | null;
  partner: string | null;
  processorId: string | null;
  total: string;
  tax: string;
  taxMismatch: boolean;
  unmatchedLines: number;
  verification: string;
  verifyReason: string | null;
  invoiceDate: Date | null;
  paid: boolean;
  paidAt: Date | null;
  entryState: "draft" | "posted" | null;
  /** The processor's total when it differs from the legacy one; posting waits while `blocked`. */
  processorTotal: string | null;
  blocked: boolean;
  mismatchAccepted: string | null;
  mismatchNote: string | null;
}

export async function listLedgerInvoices(db: DbOrTx, input: ListLedgerInvoicesInput): Promise<Page<LedgerInvoiceRow>> {
  const postedIds = input.posted === undefined ? null : (await db.ledgerEntry.findMany({ where: { sourceKind: "legacy-invoice", state: "posted" }, select: { id: true } })).map((e) => e.id);
  const where: Prisma.LedgerSourceInvoiceWhereInput = {
    ...(input.verification ? { verification: input.verification } : {}),
    ...(input.blocked ? { processorTotal: { not: null }, mismatchAt: null } : {}),
    ...(postedIds ? { entryId: input.posted ? { in: postedIds } : { notIn: postedIds } } : {}),
    ...(input.search
      ? { OR: [{ number: { contains: input.search, mode: "insensitive" } }, { partner: { contains: input.search, mode: "insensitive" } }, { processorId: { contains: input.search } }] }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.ledgerSourceInvoice.findMany({ where, orderBy: [{ number: "asc" }, { id: "asc" }], skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
    db.ledgerSourceInvoice.count({ where }),
  ]);
  const entryIds = rows.map((r) => r.entryId).filter((id): id is string => Boolean(id));
  const states = new Map((await db.ledgerEntry.findMany({ where: { id: { in: entryIds } }, select: { id: true, state: true } })).map((e) => [e.id, e.state]));
  return {
    rows: rows.map((r) => ({
      id: r.id, legacyId: r.legacyId, number: r.number, partner: r.partner, processorId: r.processorId,
      total: r.total.toFixed(2), tax: r.tax.toFixed(2), taxMismatch: r.taxMismatch, unmatchedLines: r.unmatchedLines,
      verification: r.verification, verifyReason: r.verifyReason, invoiceDate: r.invoiceDate, paid: r.paid, paidAt: r.paidAt,
      entryState: r.entryId ? (states.get(r.entryId) ?? null) : null,
      processorTotal: r.processorTotal?.toFixed(2) ?? null, blocked: isBlocked(r), mismatchAccepted: r.mismatchAccepted, mismatchNote: r.mismatchNote,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
