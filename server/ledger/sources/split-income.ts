/**
 * A document's pre-tax amount as income lines, one per document line, each in
 * its family's account. Documents store exact line amounts (six places) and a
 * subtotal rounded once, so each line gets its share of the subtotal rounded
 * to the currency, and the last minor units of rounding go to the largest line:
 * the income lines always add up to the subtotal exactly.
 */
import { Decimal } from "decimal.js";
import { minorUnitDigits } from "@/lib/currency";
import type { DbOrTx } from "@/server/db";
import { classifyFamily, type FamilyMatch, type FamilyRule } from "../classify-family";
import type { EntryLineInput } from "../write-entry";

/** A stored money value (Prisma Decimal) as decimal.js, exactly. */
export const dec = (value: { toString(): string }): Decimal => new Decimal(value.toString());

export interface IncomeSource {
  description: string;
  /** The line's exact amount: its weight in the split. */
  amount: Decimal;
  /** Further names the rules may match when the description does not (plan, metric, part number). */
  alsoKnownAs?: (string | null | undefined)[];
}

/** The first of the line's names a rule matches; "other", flagged, when none does. */
export function familyOf(source: IncomeSource, rules: readonly FamilyRule[]): FamilyMatch {
  for (const text of [source.description, ...(source.alsoKnownAs ?? [])]) {
    if (!text) continue;
    const match = classifyFamily(text, rules);
    if (match.matched) return match;
  }
  return { family: "other", matched: false };
}

/** Splits `total` over `weights` in the currency's places; the rounding remainder goes to the largest weight. */
export function allocate(total: Decimal, weights: readonly Decimal[], currency: string): Decimal[] {
  if (weights.length === 0) return [];
  const places = minorUnitDigits(currency);
  const sum = weights.reduce((s, w) => s.plus(w), new Decimal(0));
  const shares = weights.map((w) => (sum.isZero() ? w : total.times(w).div(sum)).toDecimalPlaces(places, Decimal.ROUND_HALF_UP));
  const remainder = total.minus(shares.reduce((s, x) => s.plus(x), new Decimal(0)));
  let largest = 0;
  weights.forEach((w, i) => {
    if (w.abs().greaterThan(weights[largest]!.abs())) largest = i;
  });
  shares[largest] = shares[largest]!.plus(remainder);
  return shares;
}

/**
 * Income lines for `subtotal` split over `sources`, signed as credits (`sign` -1)
 * for a sale or debits (+1) for a credit note. With no sources at all, the whole
 * subtotal is one flagged "other" line so the entry still balances.
 */
export function incomeLines(subtotal: Decimal, sources: readonly IncomeSource[], rules: readonly FamilyRule[], currency: string, sign: 1 | -1): EntryLineInput[] {
  if (sources.length === 0) {
    return [{ account: "income:other", description: "Amount without lines", amount: subtotal.times(sign), family: "other", unmatched: true }];
  }
  const shares = allocate(subtotal, sources.map((s) => s.amount), currency);
  return sources.map((source, i) => {
    const match = familyOf(source, rules);
    return { account: `income:${match.family}`, description: source.description, amount: shares[i]!.times(sign), family: match.family, unmatched: !match.matched };
  });
}

/** The admin's rules in the order they apply. */
export async function loadFamilyRules(db: DbOrTx): Promise<FamilyRule[]> {
  const rows = await db.ledgerFamilyRule.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { keyword: true, family: true } });
  return rows.map((r) => ({ keyword: r.keyword, family: r.family }));
}
