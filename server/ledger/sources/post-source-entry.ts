/**
 * Posting one entry per source document (a Switchboard invoice, payment,
 * refund, credit note or void; an Ascora invoice or payment), at most once.
 * The entry's (sourceKind, sourceId) is unique in the database: a re-run, a
 * retry or a concurrent run finds the entry, or loses the insert race and
 * writes nothing. These documents are final where they come from (issued
 * invoices are immutable, payments are confirmed), so the entry is written and
 * posted in one transaction: nothing to verify, and no half-written entry.
 */
import { Decimal } from "decimal.js";
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import type { FamilyRule } from "../classify-family";
import { translateLedgerError } from "../ledger-errors";
import { writeDraftEntry, type DraftEntryInput, type EntryLineInput } from "../write-entry";

export const SOURCE_KINDS = {
  invoice: "sb-invoice",
  invoiceVoid: "sb-invoice-void",
  payment: "sb-payment",
  refund: "sb-refund",
  creditNote: "sb-credit",
  ascoraInvoice: "ascora-invoice",
  ascoraPayment: "ascora-payment",
} as const;
export type SourceKind = (typeof SOURCE_KINDS)[keyof typeof SOURCE_KINDS];

export interface SourceSummary {
  posted: Record<SourceKind, number>;
  alreadyPosted: number;
  /** Documents left out on purpose (another currency, waiting for an earlier entry), with the reason. */
  skipped: { kind: SourceKind; id: string; reason: string }[];
  failed: { kind: SourceKind; id: string; message: string }[];
}

/** What every source reads: the ledger's currency and the admin's family rules, fixed for one run. */
export interface SourceRun {
  db: Db;
  currency: string;
  rules: readonly FamilyRule[];
  now: Date;
  /** Documents per kind per run; the next run (a minute later) takes the rest. */
  limit: number;
  summary: SourceSummary;
}

export function emptySourceSummary(): SourceSummary {
  const posted = Object.fromEntries(Object.values(SOURCE_KINDS).map((k) => [k, 0])) as Record<SourceKind, number>;
  return { posted, alreadyPosted: 0, skipped: [], failed: [] };
}

/** Writes and posts `input` unless an entry for its source exists already. */
export async function postSourceEntry(db: Db, input: DraftEntryInput, now: Date): Promise<"posted" | "already_posted"> {
  const key = { sourceKind_sourceId: { sourceKind: input.sourceKind, sourceId: input.sourceId } };
  if (await db.ledgerEntry.findUnique({ where: key, select: { id: true } })) return "already_posted";
  try {
    await db.$transaction(async (tx) => {
      const id = await writeDraftEntry(tx, input);
      await tx.ledgerEntry.update({ where: { id }, data: { state: "posted", postedAt: now } });
    });
    return "posted";
  } catch (error) {
    // A concurrent run inserted the same source key first: its entry stands, ours rolled back whole.
    if (await db.ledgerEntry.findUnique({ where: key, select: { id: true } })) return "already_posted";
    throw translateLedgerError(error);
  }
}

/** Books one document: posts what `build` returns (null = nothing to book), recording the outcome in the run's summary. */
export async function bookDocument(run: SourceRun, kind: SourceKind, id: string, build: () => Promise<DraftEntryInput | string | null>): Promise<void> {
  try {
    const entry = await build();
    if (entry === null) return;
    if (typeof entry === "string") {
      run.summary.skipped.push({ kind, id, reason: entry });
      return;
    }
    const outcome = await postSourceEntry(run.db, { ...entry, lines: withoutZeroLines(entry.lines) }, run.now);
    if (outcome === "posted") run.summary.posted[kind]++;
    else run.summary.alreadyPosted++;
  } catch (error) {
    const readable = error instanceof Error && error.name === "RequestError" ? error.message : "The entry could not be posted";
    run.summary.failed.push({ kind, id, message: readable });
    // Retried by the next run; the log says which document keeps failing and why (no amounts, no customer data).
    logger.warn("ledger.source_post_failed", { kind, id, error: error instanceof Error ? error.message : String(error) });
  }
}

function withoutZeroLines(lines: EntryLineInput[]): EntryLineInput[] {
  return lines.filter((l) => !l.amount.isZero());
}

/** Lines netted per account and family (a void's reversal less what credit notes already took back); zero nets dropped. */
export function netLines(lines: readonly EntryLineInput[]): EntryLineInput[] {
  const byKey = new Map<string, EntryLineInput>();
  for (const line of lines) {
    const key = `${line.account}|${line.family ?? ""}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, amount: seen.amount.plus(line.amount), unmatched: Boolean(seen.unmatched || line.unmatched) } : { ...line });
  }
  return [...byKey.values()].filter((l) => !l.amount.isZero());
}

/** A posted entry's lines, signed (debit positive), for reversing them. */
export async function postedLines(db: Db, sourceKind: string, sourceIds: string[]): Promise<EntryLineInput[]> {
  const lines = await db.ledgerLine.findMany({
    where: { entry: { sourceKind, sourceId: { in: sourceIds }, state: "posted" } },
    select: { description: true, debit: true, credit: true, family: true, unmatched: true, account: { select: { key: true } } },
    orderBy: [{ entryId: "asc" }, { position: "asc" }],
  });
  return lines.map((l) => ({
    account: l.account.key as EntryLineInput["account"],
    description: l.description,
    amount: new Decimal(l.debit.toString()).minus(l.credit.toString()),
    ...(l.family ? { family: l.family } : {}),
    unmatched: l.unmatched,
  }));
}
