/**
 * Trial balance as of a date: posted lines only, per account, debit and credit
 * totals and the balance (debit − credit). Over all accounts it sums to zero,
 * because every posted entry balances.
 */
import { Decimal } from "decimal.js";
import type { DbOrTx } from "@/server/db";

export interface TrialBalanceRow {
  code: string;
  name: string;
  type: string;
  debit: string;
  credit: string;
  balance: string;
}

export interface TrialBalance {
  asOf: Date;
  rows: TrialBalanceRow[];
  totalDebit: string;
  totalCredit: string;
}

export async function trialBalance(db: DbOrTx, asOf: Date): Promise<TrialBalance> {
  const [accounts, sums] = await Promise.all([
    db.ledgerAccount.findMany({ orderBy: { code: "asc" } }),
    db.ledgerLine.groupBy({
      by: ["accountId"],
      where: { entry: { state: "posted", date: { lte: asOf } } },
      _sum: { debit: true, credit: true },
    }),
  ]);
  const byAccount = new Map(sums.map((s) => [s.accountId, s._sum]));
  let totalDebit = new Decimal(0);
  let totalCredit = new Decimal(0);
  const rows = accounts.map((a) => {
    const sum = byAccount.get(a.id);
    const debit = new Decimal(sum?.debit?.toString() ?? 0);
    const credit = new Decimal(sum?.credit?.toString() ?? 0);
    totalDebit = totalDebit.plus(debit);
    totalCredit = totalCredit.plus(credit);
    return { code: a.code, name: a.name, type: a.type, debit: debit.toFixed(2), credit: credit.toFixed(2), balance: debit.minus(credit).toFixed(2) };
  });
  return { asOf, rows, totalDebit: totalDebit.toFixed(2), totalCredit: totalCredit.toFixed(2) };
}
