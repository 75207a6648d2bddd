import type { DbOrTx } from "@/server/db";
import { normalizeLogin } from "./record-login-event";

export interface RecentFailureSummary {
  since: Date;
  total: number;
  /** Failures whose login matched no account. */
  unknownUsers: number;
  distinctLogins: number;
  distinctIps: number;
  /** With the account the login belongs to, and its client organisation (for "open a ticket"). */
  byLogin: Array<{ login: string; count: number; lastAt: Date | null; userId: string | null; clientOrganisationLabel: string | null }>;
  byIp: Array<{ ip: string; count: number; lastAt: Date | null }>;
  /** The one login asked for (the alert e-mail's link), whether or not it is among the top ones. */
  focus: { login: string; count: number; lastAt: Date | null; userId: string | null; clientOrganisationLabel: string | null } | null;
}

/** The accounts of these logins, with their first client organisation's label (for "open a ticket"). */
async function accountsByLogin(db: DbOrTx, logins: string[]) {
  const users = await db.user.findMany({
    where: { email: { in: logins }, deletedAt: null },
    select: { id: true, email: true, memberships: { where: { organisation: { kind: "CLIENT" } }, select: { organisation: { select: { label: true } } }, take: 1 } },
  });
  const byEmail = new Map(users.map((u) => [u.email, u]));
  return (login: string) => {
    const user = byEmail.get(login);
    return { userId: user?.id ?? null, clientOrganisationLabel: user?.memberships[0]?.organisation.label ?? null };
  };
}

const TOP = 10;

/**
 * Failed sign-ins of the last `hours` (24 by default): totals and the logins
 * and addresses with the most failures. Unsafe by design of the data
 * (provider-wide rows): admins only.
 */
export async function unsafeRecentFailureSummary(db: DbOrTx, input: { now?: Date; hours?: number; login?: string } = {}): Promise<RecentFailureSummary> {
  const since = new Date((input.now ?? new Date()).getTime() - (input.hours ?? 24) * 3_600_000);
  const where = { result: "FAILURE" as const, kind: "SIGN_IN" as const, occurredAt: { gte: since } };
  const [total, unknownUsers, byLogin, byIp] = await Promise.all([
    db.loginEvent.count({ where }),
    db.loginEvent.count({ where: { ...where, userId: null } }),
    // A day of failures has at most a few thousand distinct values: counting them in full is cheap.
    db.loginEvent.groupBy({ by: ["login"], where, _count: { _all: true }, _max: { occurredAt: true }, orderBy: { _count: { login: "desc" } } }),
    db.loginEvent.groupBy({ by: ["ip"], where, _count: { _all: true }, _max: { occurredAt: true }, orderBy: { _count: { ip: "desc" } } }),
  ]);
  const top = byLogin.slice(0, TOP);
  const focusLogin = input.login ? normalizeLogin(input.login) : undefined;
  const focusGroup = focusLogin === undefined ? undefined : byLogin.find((g) => g.login === focusLogin);
  const accountOf = await accountsByLogin(db, [...top.map((g) => g.login), ...(focusLogin ? [focusLogin] : [])]);
  return {
    since,
    total,
    unknownUsers,
    distinctLogins: byLogin.length,
    distinctIps: byIp.length,
    byLogin: top.map((g) => ({ login: g.login, count: g._count._all, lastAt: g._max.occurredAt, ...accountOf(g.login) })),
    byIp: byIp.slice(0, TOP).map((g) => ({ ip: g.ip, count: g._count._all, lastAt: g._max.occurredAt })),
    focus: focusLogin ? { login: focusLogin, count: focusGroup?._count._all ?? 0, lastAt: focusGroup?._max.occurredAt ?? null, ...accountOf(focusLogin) } : null,
  };
}
