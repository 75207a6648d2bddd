import { TICKET_PRIORITIES } from "@/lib/helpdesk/ticket-priorities";
import { TICKET_STATUSES } from "@/lib/helpdesk/ticket-statuses";
import type { TicketListQuery } from "@/lib/validators/helpdesk";
import { Prisma } from "@/server/generated/prisma/client";
import { invalidInput } from "../errors";

type Dir = "asc" | "desc";
type Sort = TicketListQuery["sort"];

/** One ORDER BY column of a ticket sort. Every keyed column is NOT NULL, so rows compare as a whole. */
interface SortKey {
  column: "updatedAt" | "createdAt" | "number" | "subject" | "queueDueAt" | "queueRank" | "status" | "priority";
  kind: "date" | "string" | "int" | "TicketStatus" | "TicketPriority";
}

/**
 * The keyed columns of each sort, in ORDER BY order; the id breaks ties. The
 * SLA sorts use queueDueAt (nearestDueAt with "no deadline" stored as the far
 * future), so tickets without a deadline sort as the latest ones.
 */
const SORT_KEYS: Record<Sort["field"], SortKey[]> = {
  updatedAt: [{ column: "updatedAt", kind: "date" }],
  createdAt: [{ column: "createdAt", kind: "date" }],
  number: [{ column: "number", kind: "string" }],
  subject: [{ column: "subject", kind: "string" }],
  dueAt: [{ column: "queueDueAt", kind: "date" }],
  queue: [
    { column: "queueRank", kind: "int" },
    { column: "queueDueAt", kind: "date" },
  ],
  status: [{ column: "status", kind: "TicketStatus" }],
  priority: [{ column: "priority", kind: "TicketPriority" }],
};

const flip = (d: Dir): Dir => (d === "asc" ? "desc" : "asc");
const col = (k: SortKey) => Prisma.raw(`t."${k.column}"`);

/** ORDER BY for a sort; `reverse` flips it (reading the page before a cursor). Matches the (keys…, id) indexes. */
export function keysetOrderSql(sort: Sort, reverse = false): Prisma.Sql {
  const dir = (reverse ? flip(sort.dir) : sort.dir).toUpperCase();
  return Prisma.join([...SORT_KEYS[sort.field].map((k) => Prisma.sql`${col(k)} ${Prisma.raw(dir)}`), Prisma.raw(`t.id ${dir}`)]);
}

/** A row's position in the sort, as an opaque string the client hands back. */
export function encodeCursor(sort: Sort, row: Record<string, unknown> & { id: string }): string {
  const values = SORT_KEYS[sort.field].map((k) => {
    const v = row[k.column];
    return v instanceof Date ? v.toISOString() : v;
  });
  return Buffer.from(JSON.stringify([sort.field, ...values, row.id])).toString("base64url");
}

/** The cursor's values as SQL parameters with their column types; anything we did not write is refused. */
function decodeCursor(sort: Sort, cursor: string, field: string): Prisma.Sql[] {
  const keys = SORT_KEYS[sort.field];
  const bad = () => invalidInput(field, "This page link is out of date; go back to the first page");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== keys.length + 2 || parsed[0] !== sort.field) throw bad();
  const id: unknown = parsed[parsed.length - 1];
  if (typeof id !== "string" || id === "") throw bad();
  const values = keys.map((k, i) => {
    const v: unknown = parsed[i + 1];
    switch (k.kind) {
      case "int":
        if (Number.isInteger(v)) return Prisma.sql`${v}::int`;
        break;
      case "date":
        // Stored as UTC wall time in timestamp(3).
        if (typeof v === "string" && !Number.isNaN(Date.parse(v))) return Prisma.sql`(${new Date(v).toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
        break;
      case "string":
        if (typeof v === "string") return Prisma.sql`${v}`;
        break;
      default:
        if (typeof v === "string" && ENUM_VALUES[k.kind].has(v)) return Prisma.sql`${v}::${Prisma.raw(`"${k.kind}"`)}`;
    }
    throw bad();
  });
  return [...values, Prisma.sql`${id}`];
}

const ENUM_VALUES: Record<"TicketStatus" | "TicketPriority", ReadonlySet<string>> = {
  TicketStatus: new Set(TICKET_STATUSES),
  TicketPriority: new Set(TICKET_PRIORITIES),
};

/**
 * "Rows after (or before) this cursor" in the sort's order as one row
 * comparison, `(k1, …, id) > (v1, …, id0)`, which PostgreSQL answers by
 * starting the (k1, …, id) index scan at the cursor: a deep page costs what
 * the first one does. Null without a cursor.
 */
export function keysetPredicateSql(sort: Sort, cursor: { after?: string; before?: string }): Prisma.Sql | null {
  const raw = cursor.after ?? cursor.before;
  if (!raw) return null;
  const forward = cursor.after !== undefined;
  const values = decodeCursor(sort, raw, forward ? "after" : "before");
  // Moving forward in an ascending sort means "greater".
  const op = (sort.dir === "asc") === forward ? ">" : "<";
  const columns = Prisma.join([...SORT_KEYS[sort.field].map(col), Prisma.raw("t.id")]);
  return Prisma.sql`(${columns}) ${Prisma.raw(op)} (${Prisma.join(values)})`;
}
