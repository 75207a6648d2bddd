import type { Db, DbOrTx } from "@/server/db";
import { hashPassword } from "@/server/auth/password";
import { clearAttemptsStartingWith, throttleKeys } from "@/server/auth/auth-throttle";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { queueStaffPassword } from "@/server/crm/staff/staff-crm-mirror";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { renderPasswordResetEmail } from "@/server/mail/templates/people-emails";
import { generateToken, hashToken } from "@/server/security/tokens";
import { recordAccountAction } from "./account-actions";
import { badInput } from "./errors";
import { publicUrl } from "./public-url";
import { getManagedUserOrThrow, type PeopleActor } from "./people-scope";

export const RESET_MINUTES = 60;
/** "Forgot password" requests per address and per client address within the window. */
export const RESET_LIMITS = { perLogin: 3, perAddress: 10, windowMinutes: 15 } as const;

/** A fresh reset link for the user (older unused ones stop working) queued in the caller's transaction. */
async function issueResetLink(tx: DbOrTx, user: { id: string; email: string }, now: Date): Promise<string> {
  const token = generateToken();
  await tx.passwordResetToken.deleteMany({ where: { userId: user.id, usedAt: null } });
  await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000) } });
  const url = publicUrl(`/reset-password/${token}`);
  return enqueueEmail(tx, { to: user.email, category: "password-reset", ...renderPasswordResetEmail({ url, minutes: RESET_MINUTES }) });
}

/** An admin sends the person a reset link. */
export async function sendPasswordReset(db: Db, actor: PeopleActor, userId: string, now = new Date()) {
  const emailId = await db.$transaction(async (tx) => {
    const user = await getManagedUserOrThrow(tx, actor, userId);
    if (user.disabledAt) throw badInput("userId", "this account is disabled; enable it first");
    const queued = await issueResetLink(tx, user, now);
    await recordAccountAction(tx, { action: "password.reset_sent", actorId: actor.id, userId });
    return queued;
  });
  await dispatchOutboxEmails([emailId]);
}

/**
 * "Forgot password": a link for an active account, nothing for anyone else.
 * The caller answers the same for every address and runs this after the
 * answer (runInBackground), so the answer says nothing about the address.
 */
export async function requestPasswordReset(db: Db, email: string, now = new Date()) {
  const user = await db.user.findFirst({ where: { email, disabledAt: null, deletedAt: null, memberships: { some: { organisation: { archivedAt: null } } } } });
  if (!user) return;
  const emailId = await db.$transaction(async (tx) => {
    const queued = await issueResetLink(tx, user, now);
    await recordAccountAction(tx, { action: "password.reset_requested", actorId: null, userId: user.id });
    return queued;
  });
  await dispatchOutboxEmails([emailId]);
}

/**
 * Sets a new password from a reset link: single use, expiring; ends other
 * sessions, lifts lock-outs, and queues the same password to the person's
 * CRM users (as an encrypted secret) so both systems keep one password.
 */
export async function resetPassword(db: Db, input: { token: string; password: string }, now = new Date()) {
  const passwordHash = await hashPassword(input.password);
  const { email, wake } = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ userId: string }[]>`
      UPDATE "PasswordResetToken" SET "usedAt" = ${now}
      WHERE "tokenHash" = ${hashToken(input.token)} AND "usedAt" IS NULL AND "expiresAt" > ${now}
      RETURNING "userId"`;
    const userId = rows[0]?.userId;
    const user = userId ? await tx.user.findFirst({ where: { id: userId, disabledAt: null, deletedAt: null } }) : null;
    if (!user) throw badInput("token", "this reset link has expired or was already used; ask for a new one");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await clearAttemptsStartingWith(tx, throttleKeys.passwordLoginPrefix(user.email));
    await recordAccountAction(tx, { action: "password.changed", actorId: null, userId: user.id });
    return { email: user.email, wake: await queueStaffPassword(tx, user.id, input.password) };
  });
  await dispatchSyncWork(wake);
  return { email };
}

export async function isResetTokenUsable(db: DbOrTx, token: string, now = new Date()): Promise<boolean> {
  return (await db.passwordResetToken.count({ where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } } })) > 0;
}
