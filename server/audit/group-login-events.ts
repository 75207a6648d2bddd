import type { GroupLoginEventsInput } from "@/lib/validators/audit";
import type { DbOrTx } from "@/server/db";
import { loginEventWhere } from "./login-event-filters";

/** One group of the Login events view. */
export interface LoginEventGroup {
  /** Value to filter by: an IP, a country code, a user id; null = no country / no account. */
  key: string | null;
  label: string;
  total: number;
  successes: number;
  failures: number;
  lastAt: Date | null;
}

interface Counted {
  result: "SUCCESS" | "FAILURE";
  _count: { _all: number };
  _max: { occurredAt: Date | null };
}

function fold(groups: Map<string | null, LoginEventGroup>, key: string | null, label: string, row: Counted) {
  const group = groups.get(key) ?? { key, label, total: 0, successes: 0, failures: 0, lastAt: null };
  group.total += row._count._all;
  if (row.result === "SUCCESS") group.successes += row._count._all;
  else group.failures += row._count._all;
  if (row._max.occurredAt && (!group.lastAt || row._max.occurredAt > group.lastAt)) group.lastAt = row._max.occurredAt;
  groups.set(key, group);
}

/**
 * Login events grouped by IP, country or user, with success and failure
 * counts, largest first. Unsafe by design of the data (provider-wide rows):
 * admins only.
 */
export async function unsafeGroupLoginEvents(db: DbOrTx, input: GroupLoginEventsInput): Promise<LoginEventGroup[]> {
  const where = loginEventWhere(input);
  const groups = new Map<string | null, LoginEventGroup>();
  const common = { where, _count: { _all: true }, _max: { occurredAt: true } } as const;

  if (input.by === "ip") {
    const rows = await db.loginEvent.groupBy({ by: ["ip", "result"], ...common });
    for (const row of rows) fold(groups, row.ip, row.ip, row);
  } else if (input.by === "country") {
    const rows = await db.loginEvent.groupBy({ by: ["countryCode", "country", "result"], ...common });
    for (const row of rows) {
      const label = row.countryCode ? `${row.country ?? row.countryCode} (${row.countryCode})` : "Unknown or private";
      fold(groups, row.countryCode, label, row);
    }
  } else {
    const rows = await db.loginEvent.groupBy({ by: ["userId", "result"], ...common });
    const ids = rows.map((r) => r.userId).filter((id): id is string => Boolean(id));
    const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } });
    const labels = new Map(users.map((u) => [u.id, u.name ? `${u.name} <${u.email}>` : u.email]));
    for (const row of rows) fold(groups, row.userId, row.userId ? (labels.get(row.userId) ?? row.userId) : "No account (unknown logins)", row);
  }
  return [...groups.values()]
    .sort((a, b) => b.total - a.total || (b.lastAt?.getTime() ?? 0) - (a.lastAt?.getTime() ?? 0))
    .slice(0, input.limit);
}
