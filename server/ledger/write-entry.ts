/**
 * Writes a draft journal entry with its lines. Amounts are decimal strings or
 * Decimals (never floats); a signed amount becomes a debit or a credit, so
 * callers describe lines the way an invoice reads them.
 */
import { Decimal } from "decimal.js";
import { minorUnitDigits } from "@/lib/currency";
import type { DbOrTx } from "@/server/db";
import type { LedgerFamily } from "@/server/generated/prisma/client";
import { accountIds, journalId, type AccountKey, type JournalCode } from "./chart-of-accounts";

export interface EntryLineInput {
  account: AccountKey;
  description: string;
  /** Positive = debit, negative = credit. */
  amount: Decimal;
  family?: LedgerFamily;
  unmatched?: boolean;
}

export interface DraftEntryInput {
  journal: JournalCode;
  date: Date;
  ref: string;
  memo?: string | null;
  partner?: string | null;
  currency: string;
  sourceKind: string;
  sourceId: string;
  /** The billing customer, when the source document has one. */
  customerId?: string | null;
  lines: EntryLineInput[];
}

/** Creates the entry (draft) and its lines; the database refuses it at commit if it does not balance. */
export async function writeDraftEntry(tx: DbOrTx, input: DraftEntryInput): Promise<string> {
  const [accounts, journal] = await Promise.all([accountIds(tx), journalId(tx, input.journal)]);
  const entry = await tx.ledgerEntry.create({
    data: {
      journalId: journal,
      date: input.date,
      ref: input.ref,
      memo: input.memo ?? null,
      partner: input.partner ?? null,
      currency: input.currency,
      sourceKind: input.sourceKind,
      sourceId: input.sourceId,
      customerId: input.customerId ?? null,
    },
  });
  await tx.ledgerLine.createMany({ data: lineRows(entry.id, 0, input.lines, accounts, input.currency) });
  return entry.id;
}

function lineRows(entryId: string, firstPosition: number, lines: EntryLineInput[], accounts: Record<AccountKey, string>, currency: string) {
  // Lines keep the currency's own places (KWD 3, JPY 0): rounding every currency to cents would unbalance a fils-exact entry.
  const places = minorUnitDigits(currency);
  return lines.map((line, i) => ({
    entryId,
    position: firstPosition + i,
    accountId: accounts[line.account],
    description: line.description,
    debit: line.amount.isPositive() ? line.amount.toFixed(places) : "0",
    credit: line.amount.isNegative() ? line.amount.negated().toFixed(places) : "0",
    family: line.family ?? null,
    unmatched: line.unmatched ?? false,
  }));
}

/** Adds lines after a draft's last one (the triggers refuse it if the entry is posted, or unbalanced at commit). */
export async function appendDraftLines(tx: DbOrTx, entryId: string, lines: EntryLineInput[]): Promise<void> {
  const last = await tx.ledgerLine.aggregate({ where: { entryId }, _max: { position: true } });
  const { currency } = await tx.ledgerEntry.findUniqueOrThrow({ where: { id: entryId }, select: { currency: true } });
  await tx.ledgerLine.createMany({ data: lineRows(entryId, (last._max.position ?? -1) + 1, lines, await accountIds(tx), currency) });
}

/** Replaces a draft's lines and header (the triggers refuse it if the entry is posted). */
export async function rewriteDraftEntry(tx: DbOrTx, entryId: string, input: DraftEntryInput): Promise<void> {
  await tx.ledgerLine.deleteMany({ where: { entryId } });
  await tx.ledgerEntry.delete({ where: { id: entryId } });
  await writeDraftEntry(tx, input);
}
