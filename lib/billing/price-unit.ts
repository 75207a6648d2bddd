import { formatNumber } from "@/lib/utils";

/**
 * The singular of a metric's unit label ("calls" → "call"), for a price that
 * applies to one unit. Labels are plural English nouns or abbreviations;
 * anything that does not end in a plain "s" ("GB", "kWh", "status") is kept.
 */
export function singularUnit(label: string): string {
  const trimmed = label.trim();
  if (/[^aeiou]ies$/i.test(trimmed)) return `${trimmed.slice(0, -3)}y`;
  if (/[a-z]{2}s$/.test(trimmed) && !/(ss|us|is)$/.test(trimmed)) return trimmed.slice(0, -1);
  return trimmed;
}

/** What a unit price buys: "per call", or "per 1,000 calls" for a batch. */
export function perUnit(unitLabel: string, batch: number | string = 1): string {
  const size = Number(batch);
  return size > 1 ? `per ${formatNumber(size)} ${unitLabel}` : `per ${singularUnit(unitLabel)}`;
}
