import type { DbOrTx } from "@/server/db";
import { getAuditSettings } from "@/server/audit/audit-settings";
import { throttleKeys } from "@/server/auth/auth-throttle";
import { listAccountActions } from "./account-actions";
import { assertManagesOrganisation, getManagedUserOrThrow, managedOrganisationIds, type PeopleActor } from "./people-scope";

/**
 * The user page: status, memberships (those the actor manages), last sign-in,
 * failed attempts, lock state per client address, sessions and the trail.
 */
export async function getUserDetail(db: DbOrTx, actor: PeopleActor, userId: string, now = new Date()) {
  const user = await getManagedUserOrThrow(db, actor, userId);
  const ids = managedOrganisationIds(actor);
  const settings = await getAuditSettings(db);
  const windowStart = new Date(now.getTime() - settings.rateLimitWindowMinutes * 60_000);
  const [lastSignIn, failedSinceLastSignIn, counters, sessions, actions] = await Promise.all([
    db.loginEvent.findFirst({ where: { userId, kind: "SIGN_IN", result: "SUCCESS" }, orderBy: { occurredAt: "desc" }, select: { occurredAt: true, ip: true } }),
    db.loginEvent.count({ where: { login: user.email, kind: "SIGN_IN", result: "FAILURE", occurredAt: { gt: windowStart } } }),
    db.authThrottle.findMany({ where: { key: { startsWith: throttleKeys.passwordLoginPrefix(user.email) }, windowStart: { gt: windowStart } } }),
    db.session.findMany({ where: { userId, expires: { gt: now } }, select: { id: true, createdAt: true, expires: true }, orderBy: { createdAt: "desc" } }),
    listAccountActions(db, { userId }),
  ]);
  const prefix = throttleKeys.passwordLoginPrefix(user.email);
  const locks = counters
    .filter((c) => settings.rateLimitPerLogin > 0 && c.count >= settings.rateLimitPerLogin)
    .map((c) => ({ ip: c.key.slice(prefix.length), until: new Date(c.windowStart.getTime() + settings.rateLimitWindowMinutes * 60_000) }));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.disabledAt ? ("disabled" as const) : ("active" as const),
    disabledAt: user.disabledAt,
    hasPassword: Boolean(user.passwordHash),
    memberships: user.memberships
      .filter((m) => !ids || ids.includes(m.organisationId))
      .map((m) => ({ organisationId: m.organisationId, label: m.organisation.label, name: m.organisation.name, kind: m.organisation.kind, role: m.role })),
    lastSignIn,
    failedAttempts: failedSinceLastSignIn,
    locks,
    sessions,
    actions,
  };
}

/** People of one organisation the actor manages (client admins: their own only). */
export async function listOrganisationPeople(db: DbOrTx, actor: PeopleActor, organisationId: string) {
  await assertManagesOrganisation(db, actor, organisationId);
  const rows = await db.membership.findMany({
    where: { organisationId, user: { deletedAt: null } },
    include: { user: { select: { id: true, name: true, email: true, disabledAt: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ ...m.user, role: m.role }));
}
