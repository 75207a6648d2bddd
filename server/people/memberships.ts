import type { AppRole } from "@/lib/auth/roles";
import type { Db } from "@/server/db";
import { recordAccountAction } from "./account-actions";
import { conflict, forbidden, notFound } from "./errors";
import { assertKeepsAProviderAdmin } from "./last-admin";
import { assertManagesOrganisation, assertRoleAssignable, isRaise, type PeopleActor } from "./people-scope";

async function getMembershipOrThrow(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0], userId: string, organisationId: string) {
  const membership = await tx.membership.findUnique({ where: { userId_organisationId: { userId, organisationId } }, include: { user: true } });
  if (!membership || membership.user.deletedAt) throw notFound("Membership");
  return membership;
}

/** Changes a person's role in one organisation. Nobody raises themselves; the last provider admin stays one. */
export async function changeRole(db: Db, actor: PeopleActor, input: { userId: string; organisationId: string; role: AppRole }) {
  await db.$transaction(async (tx) => {
    const organisation = await assertManagesOrganisation(tx, actor, input.organisationId);
    const membership = await getMembershipOrThrow(tx, input.userId, input.organisationId);
    assertRoleAssignable(actor, organisation, input.role);
    if (input.userId === actor.id && isRaise(membership.role, input.role)) throw forbidden("role: you cannot raise your own role; ask another admin");
    if (membership.role === input.role) return;
    if (membership.role === "PROVIDER_ADMIN") await assertKeepsAProviderAdmin(tx, input.userId);
    await tx.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    // A changed role must take effect now, not at the next sign-in.
    await tx.session.deleteMany({ where: { userId: input.userId } });
    await recordAccountAction(tx, { action: "role.changed", actorId: actor.id, userId: input.userId, organisationId: input.organisationId, detail: { from: membership.role, to: input.role } });
  });
}

/** Removes a person from one organisation (their account and history stay). */
export async function removeMembership(db: Db, actor: PeopleActor, input: { userId: string; organisationId: string }) {
  await db.$transaction(async (tx) => {
    await assertManagesOrganisation(tx, actor, input.organisationId);
    const membership = await getMembershipOrThrow(tx, input.userId, input.organisationId);
    if (membership.role === "PROVIDER_ADMIN") await assertKeepsAProviderAdmin(tx, input.userId);
    await tx.membership.delete({ where: { id: membership.id } });
    await tx.session.deleteMany({ where: { userId: input.userId } });
    await recordAccountAction(tx, { action: "membership.removed", actorId: actor.id, userId: input.userId, organisationId: input.organisationId, detail: { role: membership.role } });
  });
}

/** Moves a person from one organisation to another with a role fitting the new one (provider admins only). */
export async function moveMembership(db: Db, actor: PeopleActor, input: { userId: string; fromOrganisationId: string; toOrganisationId: string; role: AppRole }) {
  if (actor.role !== "PROVIDER_ADMIN") throw forbidden("Only provider admins move people between organisations.");
  await db.$transaction(async (tx) => {
    const membership = await getMembershipOrThrow(tx, input.userId, input.fromOrganisationId);
    const target = await assertManagesOrganisation(tx, actor, input.toOrganisationId);
    if (target.archivedAt) throw conflict("toOrganisationId", "that organisation is archived");
    assertRoleAssignable(actor, target, input.role);
    if (input.userId === actor.id) throw forbidden("userId: you cannot move yourself; ask another admin");
    if (await tx.membership.findUnique({ where: { userId_organisationId: { userId: input.userId, organisationId: input.toOrganisationId } } })) {
      throw conflict("toOrganisationId", "this person is already a member there");
    }
    if (membership.role === "PROVIDER_ADMIN") await assertKeepsAProviderAdmin(tx, input.userId);
    await tx.membership.update({ where: { id: membership.id }, data: { organisationId: input.toOrganisationId, role: input.role } });
    await tx.session.deleteMany({ where: { userId: input.userId } });
    await recordAccountAction(tx, { action: "membership.moved", actorId: actor.id, userId: input.userId, organisationId: input.toOrganisationId, detail: { from: input.fromOrganisationId, role: input.role } });
  });
}
