import type { TicketListQuery } from "@/lib/validators/helpdesk";
import type { Prisma } from "@/server/generated/prisma/client";
import { invalidInput } from "../errors";

type Dir = "asc" | "desc";
type KeyValue = string | number | null;

/** One ORDER BY column of a ticket sort; nullable columns always sort their nulls last. */
interface SortKey {
  column: "updatedAt" | "createdAt" | "number" | "subject" | "nearestDueAt" | "queueRank";
  kind: "date" | "string" | "int";
  nullable?: boolean;
}

/**
 * The keyed columns of each sort. Status and priority are enums, which
 * Prisma cannot compare with lt/gt, so they page by offset (null here).
 */
const SORT_KEYS: Record<TicketListQuery["sort"]["field"], SortKey[] | null> = {
  updatedAt: [{ column: "updatedAt", kind: "date" }],
  createdAt: [{ column: "createdAt", kind: "date" }],
  number: [{ column: "number", kind: "string" }],
  subject: [{ column: "subject", kind: "string" }],
  dueAt: [{ column: "nearestDueAt", kind: "date", nullable: true }],
  queue: [
    { column: "queueRank", kind: "int" },
    { column: "nearestDueAt", kind: "date", nullable: true },
  ],
  status: null,
  priority: null,
};

export function sortKeysOf(sort: TicketListQuery["sort"]): SortKey[] | null {
  return SORT_KEYS[sort.field];
}

/** ORDER BY for a sort; `reverse` flips it (reading the page before a cursor). The id breaks ties. */
export function keysetOrderBy(
  sort: TicketListQuery["sort"],
  reverse = false,
): Prisma.TicketOrderByWithRelationInput[] {
  const dir: Dir = reverse ? flip(sort.dir) : sort.dir;
  const keys = sortKeysOf(sort) ?? [{ column: sort.field as SortKey["column"], kind: "string" as const }];
  const order = keys.map(
    (k): Prisma.TicketOrderByWithRelationInput =>
      k.nullable ? { [k.column]: { sort: dir, nulls: reverse ? "first" : "last" } } : { [k.column]: dir },
  );
  return [...order, { id: dir }];
}

const flip = (d: Dir): Dir => (d === "asc" ? "desc" : "asc");

/** A row's position in the sort, as an opaque string the client hands back. */
export function encodeCursor(sort: TicketListQuery["sort"], row: Record<string, unknown> & { id: string }): string | null {
  const keys = sortKeysOf(sort);
  if (!keys) return null;
  const values = keys.map((k) => {
    const v = row[k.column];
    return v instanceof Date ? v.toISOString() : ((v ?? null) as KeyValue);
  });
  return Buffer.from(JSON.stringify([sort.field, ...values, row.id])).toString("base64url");
}

function decodeCursor(sort: TicketListQuery["sort"], cursor: string, field: string): { values: (Date | string | number | null)[]; id: string } {
  const keys = sortKeysOf(sort);
  const bad = () => invalidInput(field, "This page link is out of date; go back to the first page");
  if (!keys) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== keys.length + 2 || parsed[0] !== sort.field) throw bad();
  const id = parsed[parsed.length - 1];
  if (typeof id !== "string" || id === "") throw bad();
  const values = keys.map((k, i) => {
    const v: unknown = parsed[i + 1];
    if (v === null && k.nullable) return null;
    if (k.kind === "int" && Number.isInteger(v)) return v as number;
    if (k.kind === "string" && typeof v === "string") return v;
    if (k.kind === "date" && typeof v === "string" && !Number.isNaN(Date.parse(v))) return new Date(v);
    throw bad();
  });
  return { values, id };
}

/**
 * WHERE for "rows after (or before) this cursor" in the sort's order: for
 * keys k1…kn and the id, OR over i of (k1…k(i-1) equal and ki beyond). Nulls
 * sort last, so after a value come larger values and then every null; after a
 * null come only nulls with a larger id.
 */
export function keysetWhere(
  sort: TicketListQuery["sort"],
  cursor: { after?: string; before?: string },
): Prisma.TicketWhereInput | null {
  const raw = cursor.after ?? cursor.before;
  if (!raw) return null;
  const forward = cursor.after !== undefined;
  const { values, id } = decodeCursor(sort, raw, forward ? "after" : "before");
  const keys = sortKeysOf(sort)!;
  // Moving forward in an ascending sort means "greater".
  const greater = (sort.dir === "asc") === forward;
  const op = greater ? "gt" : "lt";

  const branches: Prisma.TicketWhereInput[] = [];
  const equalSoFar: Prisma.TicketWhereInput[] = [];
  keys.forEach((k, i) => {
    const v = values[i]!;
    const beyond = beyondValue(k, v, op, forward);
    if (beyond) branches.push({ AND: [...equalSoFar, beyond] });
    equalSoFar.push({ [k.column]: v } as Prisma.TicketWhereInput);
  });
  branches.push({ AND: [...equalSoFar, { id: { [op]: id } }] });
  return { OR: branches };
}

function beyondValue(k: SortKey, v: Date | string | number | null, op: "gt" | "lt", forward: boolean): Prisma.TicketWhereInput | null {
  const col = k.column;
  if (!k.nullable) return { [col]: { [op]: v } } as Prisma.TicketWhereInput;
  // Nulls are last in the forward order.
  if (v === null) return forward ? null : ({ [col]: { not: null } } as Prisma.TicketWhereInput);
  const strictly = { [col]: { [op]: v } } as Prisma.TicketWhereInput;
  return forward ? { OR: [strictly, { [col]: null } as Prisma.TicketWhereInput] } : strictly;
}
