/**
 * Posted income per service family and month (credits less debits on the
 * income accounts), for the table and the chart.
 */
import { Decimal } from "decimal.js";
import type { DbOrTx } from "@/server/db";
import type { LedgerFamily } from "@/server/generated/prisma/client";
import { LEDGER_FAMILIES } from "../chart-of-accounts";

export interface IncomeMonth {
  /** YYYY-MM */
  month: string;
  byFamily: Record<LedgerFamily, string>;
  total: string;
}

export async function incomeByFamily(db: DbOrTx, range: { from: Date; to: Date }): Promise<IncomeMonth[]> {
  const rows = await db.$queryRaw<{ month: string; key: string; amount: string }[]>`
    SELECT to_char(e."date", 'YYYY-MM') AS month, a."key" AS key, (SUM(l."credit") - SUM(l."debit"))::text AS amount
      FROM "LedgerLine" l
      JOIN "LedgerEntry" e ON e."id" = l."entryId"
      JOIN "LedgerAccount" a ON a."id" = l."accountId"
     WHERE e."state" = 'posted' AND a."type" = 'income' AND e."date" BETWEEN ${range.from} AND ${range.to}
     GROUP BY 1, 2
     ORDER BY 1`;
  const months = new Map<string, IncomeMonth>();
  for (const r of rows) {
    const month = months.get(r.month) ?? { month: r.month, byFamily: Object.fromEntries(LEDGER_FAMILIES.map((f) => [f, "0.00"])) as Record<LedgerFamily, string>, total: "0.00" };
    const family = r.key.replace("income:", "") as LedgerFamily;
    month.byFamily[family] = new Decimal(r.amount).toFixed(2);
    month.total = new Decimal(month.total).plus(r.amount).toFixed(2);
    months.set(r.month, month);
  }
  return [...months.values()];
}
