import type { Db } from "@/server/db";
import { clearAttemptsStartingWith, throttleKeys } from "@/server/auth/auth-throttle";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { queueStaffStatus } from "@/server/crm/staff/staff-crm-mirror";
import { recordAccountAction } from "./account-actions";
import { forbidden } from "./errors";
import { assertKeepsAProviderAdmin } from "./last-admin";
import { getManagedUserOrThrow, type PeopleActor } from "./people-scope";

/**
 * Disables an account: every session ends at once (they are rows, deleted
 * here), no sign-in path accepts it, and the person's CRM users are queued
 * to be set inactive in the same transaction.
 */
export async function disableUser(db: Db, actor: PeopleActor, userId: string, now = new Date()) {
  if (userId === actor.id) throw forbidden("userId: you cannot disable yourself");
  const wake = await db.$transaction(async (tx) => {
    const user = await getManagedUserOrThrow(tx, actor, userId);
    if (user.disabledAt) return [];
    await assertKeepsAProviderAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { disabledAt: now } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAccountAction(tx, { action: "user.disabled", actorId: actor.id, userId });
    return queueStaffStatus(tx, userId, false);
  });
  await dispatchSyncWork(wake);
}

/** Enables an account and queues its CRM users to be set active again. */
export async function enableUser(db: Db, actor: PeopleActor, userId: string) {
  const wake = await db.$transaction(async (tx) => {
    const user = await getManagedUserOrThrow(tx, actor, userId);
    if (!user.disabledAt) return [];
    await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
    await recordAccountAction(tx, { action: "user.enabled", actorId: actor.id, userId });
    return queueStaffStatus(tx, userId, true);
  });
  await dispatchSyncWork(wake);
}

/** Ends every session of the person, now; returns how many ended. */
export async function signOutEverywhere(db: Db, actor: PeopleActor, userId: string) {
  return db.$transaction(async (tx) => {
    await getManagedUserOrThrow(tx, actor, userId);
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAccountAction(tx, { action: "user.signed_out_everywhere", actorId: actor.id, userId, detail: { sessions: count } });
    return { sessions: count };
  });
}

/** Lifts every password lock-out of the person (from any address); returns how many counters were cleared. */
export async function unlockUser(db: Db, actor: PeopleActor, userId: string) {
  return db.$transaction(async (tx) => {
    const user = await getManagedUserOrThrow(tx, actor, userId);
    const cleared = await clearAttemptsStartingWith(tx, throttleKeys.passwordLoginPrefix(user.email));
    await recordAccountAction(tx, { action: "user.unlocked", actorId: actor.id, userId, detail: { counters: cleared } });
    return { cleared };
  });
}

/**
 * Deletes an account but keeps its history: the row stays, anonymised
 * (name "Deleted user", an address nobody can receive mail at), so tickets,
 * audit rows and the trail still point somewhere and read "deleted user".
 * Memberships, sessions, pending resets and the password go.
 */
export async function deleteUser(db: Db, actor: PeopleActor, userId: string, now = new Date()) {
  if (userId === actor.id) throw forbidden("userId: you cannot delete yourself");
  await db.$transaction(async (tx) => {
    const user = await getManagedUserOrThrow(tx, actor, userId);
    if (actor.role !== "PROVIDER_ADMIN" && user.memberships.some((m) => m.organisationId !== actor.organisationId)) {
      throw forbidden("userId: this person also belongs to another organisation; remove them from yours instead");
    }
    await assertKeepsAProviderAdmin(tx, userId);
    await tx.session.deleteMany({ where: { userId } });
    await tx.membership.deleteMany({ where: { userId } });
    await tx.passwordResetToken.deleteMany({ where: { userId } });
    await tx.user.update({
      where: { id: userId },
      data: { name: "Deleted user", email: `deleted-${userId}@deleted.invalid`, passwordHash: null, disabledAt: user.disabledAt ?? now, deletedAt: now },
    });
    await recordAccountAction(tx, { action: "user.deleted", actorId: actor.id, userId, detail: { organisations: user.memberships.map((m) => m.organisation.label) } });
  });
}
