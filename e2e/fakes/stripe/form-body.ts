/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracket
 * nesting, e.g. `metadata[invoice_id]=inv_1&expand[0]=latest_charge&expand[]=customer`.
 * Numeric or empty brackets build arrays; everything else builds objects.
 * Values stay strings, as on the real API (each endpoint coerces what it needs).
 */

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

export class FormParseError extends Error {
  override name = "FormParseError";
}

function splitKey(key: string): string[] {
  const first = key.indexOf("[");
  if (first < 0) return [key];
  const parts = [key.slice(0, first)];
  const rest = key.slice(first);
  const re = /\[([^\]]*)\]/g;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) throw new FormParseError(`Invalid parameter name: ${key}`);
    parts.push(m[1] ?? "");
    consumed = m.index + m[0].length;
  }
  if (consumed !== rest.length || parts[0] === "") throw new FormParseError(`Invalid parameter name: ${key}`);
  return parts;
}

type Container = { [key: string]: FormValue } | FormValue[];

function assign(container: Container, path: string[], value: string, fullKey: string): void {
  const [head, ...tail] = path;
  if (head === undefined) return;
  const isArray = Array.isArray(container);
  if (isArray && head !== "" && !/^\d+$/.test(head)) {
    throw new FormParseError(`Parameter ${fullKey} mixes list and object syntax`);
  }
  const index = isArray ? (head === "" ? container.length : Number(head)) : -1;
  const read = (): FormValue | undefined => (isArray ? container[index] : (container as Record<string, FormValue>)[head]);
  const write = (v: FormValue) => {
    if (isArray) container[index] = v;
    else (container as Record<string, FormValue>)[head] = v;
  };
  if (tail.length === 0) {
    write(value);
    return;
  }
  const nextIsArray = tail[0] === "" || /^\d+$/.test(tail[0] ?? "");
  let child = read();
  if (child === undefined) {
    child = nextIsArray ? [] : {};
    write(child);
  } else if (typeof child === "string") {
    throw new FormParseError(`Parameter ${fullKey} is given both as a value and as a hash`);
  }
  assign(child as Container, tail, value, fullKey);
}

/** Parses a form-encoded body or query string into nested params. */
export function parseStripeForm(text: string): FormParams {
  const root: FormParams = {};
  for (const [key, value] of new URLSearchParams(text)) {
    assign(root, splitKey(key), value, key);
  }
  // Sparse arrays (expand[0]&expand[2]) collapse, as qs does.
  const compact = (v: FormValue): FormValue => {
    if (typeof v === "string") return v;
    if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compact);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  };
  return compact(root) as FormParams;
}
