/**
 * Canonical field values: both sides' values are compared, stored as the
 * reconciliation base and sent to the CRM in one text form per field type,
 * so "1" from the CRM and `true` locally, or "12.50" and 12.5, are the same
 * value and never a false conflict. Money stays exact (decimal.js).
 */
import Decimal from "decimal.js";

export type FieldType = "TEXT" | "NUMBER" | "DATE" | "BOOLEAN";
/** A canonical value: text, or null for empty. */
export type Canonical = string | null;
export type CanonicalValues = Record<string, Canonical>;

const TRUE_WORDS = new Set(["1", "true", "yes", "on"]);
const FALSE_WORDS = new Set(["0", "false", "no", "off"]);

/** The canonical text form of `value` for a field of `type`. */
export function canonicalValue(value: unknown, type: FieldType): Canonical {
  if (value === null || value === undefined) return null;
  if (type === "BOOLEAN") {
    if (typeof value === "boolean") return value ? "1" : "0";
    const t = String(value).trim().toLowerCase();
    if (t === "") return null;
    if (TRUE_WORDS.has(t)) return "1";
    if (FALSE_WORDS.has(t)) return "0";
    return t;
  }
  if (type === "DATE") {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
    const t = String(value).trim();
    if (t === "" || t.startsWith("0000-00-00")) return null;
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(t);
    return m ? m[1]! : t;
  }
  if (type === "NUMBER") {
    const t = String(value).trim();
    if (t === "") return null;
    try {
      return new Decimal(t).toString();
    } catch {
      return t;
    }
  }
  const t = (value instanceof Date ? value.toISOString() : String(value)).trim();
  return t === "" ? null : t;
}

/** Canonical values for every field in `types` read from `values`. */
export function canonicalValues(values: Record<string, unknown>, types: Record<string, FieldType>): CanonicalValues {
  const out: CanonicalValues = {};
  for (const [path, type] of Object.entries(types)) out[path] = canonicalValue(values[path], type);
  return out;
}
