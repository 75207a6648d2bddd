import { TRPCError } from "@trpc/server";
import type { Db } from "@/server/db";

/** The caller's own organisation with its members; `organisationId` must come from the session. */
export async function getOrganisationWithMembersOrThrow(db: Db, organisationId: string) {
  const organisation = await db.organisation.findUnique({
    where: { id: organisationId },
    include: {
      memberships: {
        include: { user: { select: { id: true, name: true, email: true, disabledAt: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!organisation) throw new TRPCError({ code: "NOT_FOUND", message: "Organisation not found." });
  return {
    id: organisation.id,
    name: organisation.name,
    label: organisation.label,
    kind: organisation.kind,
    members: organisation.memberships.map((m) => ({ ...m.user, role: m.role })),
  };
}
