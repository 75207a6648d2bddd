/**
 * Receivables ageing as of a date: each partner's open balance on the
 * receivables account (posted entries), spread into buckets by the age of
 * the invoices it comes from. Payments settle the oldest invoices first.
 */
import { Decimal } from "decimal.js";
import type { DbOrTx } from "@/server/db";

export const AGEING_BUCKETS = ["current", "d31_60", "d61_90", "over90"] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface AgeingRow {
  partner: string;
  buckets: Record<AgeingBucket, string>;
  total: string;
}

function bucketOf(ageDays: number): AgeingBucket {
  if (ageDays <= 30) return "current";
  if (ageDays <= 60) return "d31_60";
  if (ageDays <= 90) return "d61_90";
  return "over90";
}

export async function receivablesAgeing(db: DbOrTx, asOf: Date): Promise<{ rows: AgeingRow[]; totals: Record<AgeingBucket, string> }> {
  const lines = await db.ledgerLine.findMany({
    where: { account: { key: "receivables" }, entry: { state: "posted", date: { lte: asOf } } },
    select: { debit: true, credit: true, entry: { select: { partner: true, date: true } } },
    orderBy: { entry: { date: "asc" } },
  });
  const byPartner = new Map<string, { invoices: { date: Date; open: Decimal }[]; credit: Decimal }>();
  for (const line of lines) {
    const key = line.entry.partner ?? "(no name)";
    const p = byPartner.get(key) ?? { invoices: [], credit: new Decimal(0) };
    const debit = new Decimal(line.debit.toString());
    if (debit.greaterThan(0)) p.invoices.push({ date: line.entry.date, open: debit });
    p.credit = p.credit.plus(line.credit.toString());
    byPartner.set(key, p);
  }
  const totals = Object.fromEntries(AGEING_BUCKETS.map((b) => [b, new Decimal(0)])) as Record<AgeingBucket, Decimal>;
  const rows: AgeingRow[] = [];
  for (const [partner, p] of byPartner) {
    let credit = p.credit;
    const buckets = Object.fromEntries(AGEING_BUCKETS.map((b) => [b, new Decimal(0)])) as Record<AgeingBucket, Decimal>;
    for (const inv of p.invoices) {
      const settled = Decimal.min(credit, inv.open);
      credit = credit.minus(settled);
      const open = inv.open.minus(settled);
      const bucket = bucketOf(Math.floor((asOf.getTime() - inv.date.getTime()) / 86_400_000));
      if (open.greaterThan(0)) buckets[bucket] = buckets[bucket].plus(open);
    }
    const total = AGEING_BUCKETS.reduce((s, b) => s.plus(buckets[b]), new Decimal(0));
    if (total.isZero()) continue;
    for (const b of AGEING_BUCKETS) totals[b] = totals[b].plus(buckets[b]);
    rows.push({ partner, buckets: Object.fromEntries(AGEING_BUCKETS.map((b) => [b, buckets[b].toFixed(2)])) as Record<AgeingBucket, string>, total: total.toFixed(2) });
  }
  rows.sort((a, b) => new Decimal(b.total).comparedTo(a.total));
  return { rows, totals: Object.fromEntries(AGEING_BUCKETS.map((b) => [b, totals[b].toFixed(2)])) as Record<AgeingBucket, string> };
}
