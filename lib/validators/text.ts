/**
 * The one text primitive every schema builds on. PostgreSQL `text` and `jsonb`
 * cannot hold the NUL character (U+0000): a value carrying one fails deep in
 * the driver with "invalid byte sequence for encoding UTF8: 0x00". Refusing it
 * here turns that into a 4xx that names the field.
 */
import { z } from "zod";

/** Deepest nesting accepted in free-form JSON (diagnostics, metadata). */
export const MAX_JSON_DEPTH = 20;

const NUL = "\u0000";

/** True when PostgreSQL can store the string as text. */
export function isStorableText(value: string): boolean {
  return !value.includes(NUL);
}

export function nulMessage(label: string): string {
  return `${label} contains a NUL character (\\u0000), which is not allowed`;
}

/**
 * A string PostgreSQL can store. `label` starts the messages ("Subject must be
 * text"). Chain `.trim().min().max()` as usual on the result.
 */
export function storableString(label: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${label} is required` : `${label} must be text`) })
    .refine(isStorableText, { error: nulMessage(label) });
}

export type UnstorableProblem = { path: string; message: string };

/**
 * The first thing in a JSON-like value that cannot be stored: a string or key
 * with a NUL, or nesting deeper than `maxDepth`. Walks iteratively, so a
 * hostile 100,000-deep array cannot overflow the stack. `null` when clean.
 */
export function findUnstorable(value: unknown, opts: { label?: string; maxDepth?: number } = {}): UnstorableProblem | null {
  const label = opts.label ?? "input";
  const maxDepth = opts.maxDepth ?? Infinity;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    const where = path === "" ? label : `${label}${path}`;
    if (typeof v === "string") {
      if (!isStorableText(v)) return { path: where, message: nulMessage(where) };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= maxDepth) return { path: where, message: `${where} is nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    if (v instanceof Date) continue;
    for (const [key, item] of Object.entries(v)) {
      if (!isStorableText(key)) return { path: where, message: `${where} has a key with a NUL character (\\u0000), which is not allowed` };
      stack.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/** A free-form JSON object (diagnostics, metadata) PostgreSQL can store, at most `maxDepth` deep. */
export function storableJsonObject(label: string, maxDepth = MAX_JSON_DEPTH) {
  return z
    .record(z.string(), z.unknown(), { error: `${label} must be an object of named values` })
    .superRefine((value, ctx) => {
      const problem = findUnstorable(value, { label, maxDepth });
      if (problem) ctx.addIssue({ code: "custom", message: problem.message });
    });
}
