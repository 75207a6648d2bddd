import type { Prisma } from "@/server/generated/prisma/client";
import type { DbOrTx } from "@/server/db";

/** Every action on an account or organisation that the trail records. */
export type AccountActionName =
  | "organisation.created"
  | "organisation.updated"
  | "organisation.archived"
  | "organisation.restored"
  | "invitation.sent"
  | "invitation.resent"
  | "invitation.revoked"
  | "invitation.accepted"
  | "role.changed"
  | "membership.moved"
  | "membership.removed"
  | "user.disabled"
  | "user.enabled"
  | "user.signed_out_everywhere"
  | "user.unlocked"
  | "user.deleted"
  | "password.reset_sent"
  | "password.reset_requested"
  | "password.changed"
  | "address.blocked"
  | "address.unblocked"
  | "ticket.opened_from_burst"
  | "crm.link_requested"
  | "crm.resync_requested"
  | "crm.password_set";

export const ACCOUNT_ACTION_LABELS: Record<AccountActionName, string> = {
  "organisation.created": "Organisation created",
  "organisation.updated": "Organisation edited",
  "organisation.archived": "Organisation archived",
  "organisation.restored": "Organisation restored",
  "invitation.sent": "Invitation sent",
  "invitation.resent": "Invitation re-sent",
  "invitation.revoked": "Invitation revoked",
  "invitation.accepted": "Invitation accepted",
  "role.changed": "Role changed",
  "membership.moved": "Moved to another organisation",
  "membership.removed": "Membership removed",
  "user.disabled": "Disabled",
  "user.enabled": "Enabled",
  "user.signed_out_everywhere": "Signed out everywhere",
  "user.unlocked": "Unlocked",
  "user.deleted": "Deleted",
  "password.reset_sent": "Password-reset link sent",
  "password.reset_requested": "Password reset asked for (forgot password)",
  "password.changed": "Password changed by reset link",
  "address.blocked": "Address blocked",
  "address.unblocked": "Address unblocked",
  "ticket.opened_from_burst": "Ticket opened from a sign-in burst",
  "crm.link_requested": "CRM user requested (create or link)",
  "crm.resync_requested": "CRM user re-synced",
  "crm.password_set": "Password set here and in the CRM",
};

/** Writes one trail row (inside the caller's transaction, so the action and its record commit together). */
export async function recordAccountAction(
  db: DbOrTx,
  entry: { action: AccountActionName; actorId: string | null; userId?: string | null; organisationId?: string | null; detail?: Prisma.InputJsonValue },
): Promise<void> {
  await db.accountAction.create({
    data: { action: entry.action, actorId: entry.actorId, userId: entry.userId ?? null, organisationId: entry.organisationId ?? null, detail: entry.detail },
  });
}

/** The trail of one user or one organisation, newest first, with the actor's display name ("deleted user" once deleted). */
export async function listAccountActions(db: DbOrTx, where: { userId: string } | { organisationId: string }, take = 50) {
  const rows = await db.accountAction.findMany({ where, orderBy: { occurredAt: "desc" }, take });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => Boolean(id)))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true, deletedAt: true } });
  const byId = new Map(actors.map((a) => [a.id, a.deletedAt ? "deleted user" : (a.name ?? a.email)]));
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    label: ACCOUNT_ACTION_LABELS[r.action as AccountActionName] ?? r.action,
    actor: r.actorId ? (byId.get(r.actorId) ?? "deleted user") : "the person themselves",
    detail: r.detail,
    occurredAt: r.occurredAt,
  }));
}
