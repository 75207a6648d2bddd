/**
 * Which service family an invoice line's income belongs to, by the admin's
 * keyword rules. Stripe's proration lines ("Remaining time on X after …",
 * "Unused time on X after …") name the item they prorate; they belong to X's
 * family, so they are classified by that name alone.
 */
import type { LedgerFamily } from "@/server/generated/prisma/client";

export interface FamilyRule {
  keyword: string;
  family: LedgerFamily;
}

export interface FamilyMatch {
  family: LedgerFamily;
  /** False when no rule matched and the line fell back to "other" (flagged for review). */
  matched: boolean;
}

const PRORATION = /^\s*(?:remaining|unused) time on\s+(.+?)(?:\s+(?:after|from|between|until)\s+.*|\s*\(.*)?$/i;

/** The part of a description the rules look at: the named item for proration lines. */
export function subjectOf(description: string): string {
  const proration = PRORATION.exec(description);
  return (proration?.[1] ?? description).toLowerCase();
}

/** The first rule (in order) whose keyword the line contains, else "other". */
export function classifyFamily(description: string, rules: readonly FamilyRule[]): FamilyMatch {
  const subject = subjectOf(description);
  for (const rule of rules) {
    if (rule.keyword.trim() && subject.includes(rule.keyword.trim().toLowerCase())) return { family: rule.family, matched: true };
  }
  return { family: "other", matched: false };
}
