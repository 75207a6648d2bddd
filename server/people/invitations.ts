import type { AppRole } from "@/lib/auth/roles";
import type { AcceptInvitationInput, InviteInput } from "@/lib/validators/people";
import type { Db, DbOrTx } from "@/server/db";
import { hashPassword } from "@/server/auth/password";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { listStaffSyncConnections, queueStaffProvision } from "@/server/crm/staff/staff-accounts";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { renderInvitationEmail } from "@/server/mail/templates/people-emails";
import { generateToken, hashToken } from "@/server/security/tokens";
import { recordAccountAction } from "./account-actions";
import { badInput, conflict, notFound } from "./errors";
import { publicUrl } from "./public-url";
import { assertManagesOrganisation, assertRoleAssignable, managedOrganisationIds, type PeopleActor } from "./people-scope";

export const INVITATION_DAYS = 7;

const pendingKeyOf = (organisationId: string, email: string) => `${organisationId}:${email}`;
const inviteUrl = (token: string) => publicUrl(`/invite/${token}`);

/** Writes a fresh token for the invitation and queues its e-mail (inside the caller's transaction). */
async function sendInvitation(tx: DbOrTx, invitation: { id: string; email: string; organisationName: string }, inviterName: string, now: Date): Promise<string> {
  const token = generateToken();
  await tx.invitation.update({
    where: { id: invitation.id },
    data: { tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000), lastSentAt: now },
  });
  return enqueueEmail(tx, {
    to: invitation.email,
    category: "invitation",
    ...renderInvitationEmail({ url: inviteUrl(token), organisationName: invitation.organisationName, inviterName, days: INVITATION_DAYS }),
  });
}

/**
 * Invites someone into an organisation with a role. A second pending
 * invitation for the same address and organisation, or an address that is
 * already a member, is a conflict. Runs in the caller's transaction so an
 * organisation and its first admin's invitation are created together.
 */
export async function createInvitation(tx: DbOrTx, actor: PeopleActor & { name: string | null; email: string }, input: InviteInput, now = new Date()) {
  const organisation = await assertManagesOrganisation(tx, actor, input.organisationId);
  if (organisation.archivedAt) throw conflict("organisationId", "this organisation is archived; restore it before inviting people");
  assertRoleAssignable(actor, organisation, input.role);
  const member = await tx.membership.findFirst({ where: { organisationId: organisation.id, user: { email: input.email, deletedAt: null } } });
  if (member) throw conflict("email", "this person is already a member of the organisation");
  const pendingKey = pendingKeyOf(organisation.id, input.email);
  if (await tx.invitation.findUnique({ where: { pendingKey } })) throw conflict("email", "an invitation to this address is already pending; resend it instead");
  const invitation = await tx.invitation.create({
    data: {
      email: input.email,
      organisationId: organisation.id,
      role: input.role,
      pendingKey,
      tokenHash: hashToken(generateToken()),
      expiresAt: now,
      invitedById: actor.id,
      // Client staff never get CRM staff users, whatever the form sent.
      createCrmUser: input.createCrmUser && organisation.kind === "PROVIDER",
    },
  });
  const emailId = await sendInvitation(tx, { id: invitation.id, email: input.email, organisationName: organisation.name }, actor.name ?? actor.email, now);
  await recordAccountAction(tx, {
    action: "invitation.sent",
    actorId: actor.id,
    organisationId: organisation.id,
    detail: { email: input.email, role: input.role, createCrmUser: invitation.createCrmUser },
  });
  // The caller sends it after commit (dispatchOutboxEmails), never from inside the transaction.
  return { id: invitation.id, emailId };
}

async function getPendingInvitationOrThrow(db: DbOrTx, actor: PeopleActor, id: string) {
  const ids = managedOrganisationIds(actor);
  const invitation = await db.invitation.findFirst({
    where: { id, pendingKey: { not: null }, ...(ids ? { organisationId: { in: ids } } : {}) },
    include: { organisation: true },
  });
  if (!invitation) throw notFound("Invitation");
  return invitation;
}

/** A new link (the old one stops working) and a new expiry. */
export async function resendInvitation(db: Db, actor: PeopleActor & { name: string | null; email: string }, id: string, now = new Date()) {
  const emailId = await db.$transaction(async (tx) => {
    const invitation = await getPendingInvitationOrThrow(tx, actor, id);
    const queued = await sendInvitation(tx, { id, email: invitation.email, organisationName: invitation.organisation.name }, actor.name ?? actor.email, now);
    await recordAccountAction(tx, { action: "invitation.resent", actorId: actor.id, organisationId: invitation.organisationId, detail: { email: invitation.email } });
    return queued;
  });
  await dispatchOutboxEmails([emailId]);
}

export async function revokeInvitation(db: Db, actor: PeopleActor, id: string, now = new Date()) {
  await db.$transaction(async (tx) => {
    const invitation = await getPendingInvitationOrThrow(tx, actor, id);
    await tx.invitation.update({ where: { id }, data: { revokedAt: now, pendingKey: null } });
    await recordAccountAction(tx, { action: "invitation.revoked", actorId: actor.id, organisationId: invitation.organisationId, detail: { email: invitation.email } });
  });
}

/** Pending invitations of one organisation the actor manages (expired ones included, marked, so they can be re-sent). */
export async function listPendingInvitations(db: DbOrTx, actor: PeopleActor, organisationId: string, now = new Date()) {
  await assertManagesOrganisation(db, actor, organisationId);
  const rows = await db.invitation.findMany({ where: { organisationId, pendingKey: { not: null } }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expiresAt, lastSentAt: r.lastSentAt, expired: r.expiresAt <= now }));
}

/** What the accept page shows for a link, or why it cannot be used. Never says more than the link's own organisation. */
export async function describeInvitation(db: DbOrTx, token: string, now = new Date()) {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { organisation: true } });
  if (!invitation || !invitation.pendingKey) return { state: "invalid" as const };
  if (invitation.expiresAt <= now) return { state: "expired" as const, organisationName: invitation.organisation.name };
  if (invitation.organisation.archivedAt) return { state: "invalid" as const };
  return {
    state: "valid" as const,
    email: invitation.email,
    organisationName: invitation.organisation.name,
    role: invitation.role as AppRole,
    /** A CRM staff user is queued on acceptance with the same password, so one is required. */
    passwordRequired: invitation.createCrmUser,
  };
}

/**
 * Accepts an invitation: creates the user (or adds a membership to an
 * existing one), sets the name and optional password, and retires the link,
 * all in one transaction. The link is claimed with a conditional update, so
 * two simultaneous acceptances create one account.
 */
export async function acceptInvitation(db: Db, input: AcceptInvitationInput, now = new Date()) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const { wake, ...accepted } = await db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash: hashToken(input.token), pendingKey: { not: null }, expiresAt: { gt: now } },
      data: { pendingKey: null, acceptedAt: now },
    });
    if (claimed.count !== 1) throw badInput("token", "this invitation link has expired, was already used or was revoked; ask for a new one");
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(input.token) }, include: { organisation: true } });
    if (invitation.organisation.archivedAt) throw badInput("token", "this organisation is archived");
    if (invitation.createCrmUser && !input.password) throw badInput("password", "choose a password: your CRM account is set up with the same one");
    const existing = await tx.user.findUnique({ where: { email: invitation.email } });
    if (existing?.deletedAt || existing?.disabledAt) throw badInput("token", "this account is disabled; ask your administrator");
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { name: input.name, emailVerified: now, ...(passwordHash ? { passwordHash } : {}) } })
      : await tx.user.create({ data: { email: invitation.email, name: input.name, emailVerified: now, passwordHash } });
    await tx.membership.upsert({
      where: { userId_organisationId: { userId: user.id, organisationId: invitation.organisationId } },
      create: { userId: user.id, organisationId: invitation.organisationId, role: invitation.role },
      update: { role: invitation.role },
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedUserId: user.id } });
    await recordAccountAction(tx, { action: "invitation.accepted", actorId: null, userId: user.id, organisationId: invitation.organisationId, detail: { role: invitation.role } });
    const wake = invitation.createCrmUser && input.password ? await queueCrmUserOnAccept(tx, user, input.password, invitation.invitedById) : [];
    return { email: user.email, hasPassword: Boolean(passwordHash ?? existing?.passwordHash), wake };
  });
  await dispatchSyncWork(wake);
  return accepted;
}

/** "Create CRM user" on the invitation: queues the staff user on every connection that syncs staff, with the password just chosen. */
async function queueCrmUserOnAccept(tx: DbOrTx, user: { id: string; email: string; name: string | null; disabledAt: Date | null }, password: string, invitedById: string | null) {
  const connections = await listStaffSyncConnections(tx);
  for (const connection of connections) {
    await queueStaffProvision(tx, { user, connection, password });
    await recordAccountAction(tx, { action: "crm.link_requested", actorId: invitedById, userId: user.id, detail: { connection: connection.name, crmUser: user.email } });
  }
  return connections.map((c) => c.id);
}
