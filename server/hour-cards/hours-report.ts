/**
 * Hours per customer and month: minutes consumed (time billed to cards) and
 * minutes added (purchases and top-ups), from the ledger, in UTC months.
 */
import type { HoursReportInput } from "@/lib/validators/hour-cards";
import type { DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";

export interface HoursReportRow {
  month: string;
  customerId: string;
  customerName: string;
  usedMinutes: number;
  addedMinutes: number;
}

/** "2026-01" plus n months → "2026-(1+n)". */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

export async function hoursReport(db: DbOrTx, input: HoursReportInput): Promise<{ months: string[]; rows: HoursReportRow[] }> {
  const months = Array.from({ length: input.months }, (_, i) => addMonths(input.fromMonth, i));
  const from = `${input.fromMonth}-01`;
  const to = `${addMonths(input.fromMonth, input.months)}-01`;
  const byCustomer = input.customerId ? Prisma.sql`AND c."customerId" = ${input.customerId}` : Prisma.empty;
  const rows = await db.$queryRaw<{ month: string; customerId: string; customerName: string; used: bigint | null; added: bigint | null }[]>`
    SELECT to_char(date_trunc('month', t."createdAt"), 'YYYY-MM') AS "month", c."customerId", cu."name" AS "customerName",
           SUM(CASE WHEN t."kind" = 'consumption' THEN -t."minutes" ELSE 0 END) AS "used",
           SUM(CASE WHEN t."kind" = 'top_up' THEN t."minutes" ELSE 0 END) AS "added"
    FROM "HourCardTransaction" t
    JOIN "HourCard" c ON c."id" = t."cardId"
    JOIN "Customer" cu ON cu."id" = c."customerId"
    WHERE t."createdAt" >= ${from}::timestamp AND t."createdAt" < ${to}::timestamp ${byCustomer}
    GROUP BY 1, 2, 3
    ORDER BY 3, 2, 1`;
  return {
    months,
    rows: rows.map((r) => ({ month: r.month, customerId: r.customerId, customerName: r.customerName, usedMinutes: Number(r.used ?? 0), addedMinutes: Number(r.added ?? 0) })),
  };
}
