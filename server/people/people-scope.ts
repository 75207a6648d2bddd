import { isClientRole, isProviderRole, type AppRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/server/auth/session-user";
import type { DbOrTx } from "@/server/db";
import { forbidden, notFound } from "./errors";

/** Who is managing people: a provider admin (everyone) or a client admin (their own organisation only). */
export type PeopleActor = Pick<SessionUser, "id" | "role" | "organisationId">;

/** Roles ordered by power within each side; a person may never move themselves up. */
const RANK: Record<AppRole, number> = { CLIENT_USER: 0, CLIENT_ADMIN: 1, AGENT: 2, PROVIDER_ADMIN: 3 };

export function isRaise(from: AppRole, to: AppRole): boolean {
  return RANK[to] > RANK[from];
}

/** The organisations whose people this actor may see and change: null = all (provider admin). */
export function managedOrganisationIds(actor: PeopleActor): string[] | null {
  if (actor.role === "PROVIDER_ADMIN") return null;
  if (actor.role === "CLIENT_ADMIN") return [actor.organisationId];
  return [];
}

/** Throws NOT_FOUND unless the actor manages `organisationId` (same answer as a missing organisation). */
export async function assertManagesOrganisation(db: DbOrTx, actor: PeopleActor, organisationId: string) {
  const ids = managedOrganisationIds(actor);
  if (ids && !ids.includes(organisationId)) throw notFound("Organisation");
  const organisation = await db.organisation.findUnique({ where: { id: organisationId } });
  if (!organisation) throw notFound("Organisation");
  return organisation;
}

/** The role must fit the organisation's kind, and client admins hand out client roles only. */
export function assertRoleAssignable(actor: PeopleActor, organisation: { kind: "PROVIDER" | "CLIENT" }, role: AppRole): void {
  if (organisation.kind === "PROVIDER" && !isProviderRole(role)) throw forbidden("role: the provider's staff take provider roles (Provider admin or Support agent).");
  if (organisation.kind === "CLIENT" && !isClientRole(role)) throw forbidden("role: a client organisation's staff take client roles (Client admin or Client user).");
  if (actor.role !== "PROVIDER_ADMIN" && !isClientRole(role)) throw forbidden("role: client admins can give client roles only.");
}

/**
 * The user, if the actor manages at least one of their organisations;
 * otherwise NOT_FOUND, as if the user did not exist.
 */
export async function getManagedUserOrThrow(db: DbOrTx, actor: PeopleActor, userId: string) {
  const ids = managedOrganisationIds(actor);
  const user = await db.user.findFirst({
    where: { id: userId, deletedAt: null, ...(ids ? { memberships: { some: { organisationId: { in: ids } } } } : {}) },
    include: { memberships: { include: { organisation: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!user) throw notFound("User");
  return user;
}
