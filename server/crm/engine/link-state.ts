/**
 * Stored reconciliation state of a link: base values and field stamps as
 * JSON, with dates as ISO text.
 */
import type { Prisma } from "@/server/generated/prisma/client";
import type { FieldStamps } from "./field-ownership";
import type { CanonicalValues } from "./field-values";

export function parseBase(json: Prisma.JsonValue | null | undefined): CanonicalValues | null {
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const out: CanonicalValues = {};
  for (const [k, v] of Object.entries(json)) out[k] = v === null || v === undefined ? null : String(v);
  return out;
}

export function parseStamps(json: Prisma.JsonValue | null | undefined): FieldStamps {
  const out: FieldStamps = {};
  if (!json || typeof json !== "object" || Array.isArray(json)) return out;
  for (const [k, v] of Object.entries(json)) {
    const s = v as { side?: unknown; at?: unknown } | null;
    if (s && (s.side === "local" || s.side === "remote") && typeof s.at === "string") out[k] = { side: s.side, at: new Date(s.at) };
  }
  return out;
}

export function stampsJson(stamps: FieldStamps): Prisma.InputJsonValue {
  return Object.fromEntries(Object.entries(stamps).map(([k, s]) => [k, { side: s.side, at: s.at.toISOString() }]));
}

/** Stamps saying `side` set every field of `values` at `at`. */
export function stampAll(values: CanonicalValues, side: "local" | "remote", at: Date): FieldStamps {
  return Object.fromEntries(Object.keys(values).map((k) => [k, { side, at }]));
}
