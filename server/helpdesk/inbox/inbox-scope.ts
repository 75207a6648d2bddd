import type { InboxScope } from "@/lib/validators/helpdesk";
import type { SessionUser } from "@/server/auth/session-user";
import type { Prisma } from "@/server/generated/prisma/client";

/** Only client admins may widen My Tickets to their whole organisation. */
export function effectiveInboxScope(user: Pick<SessionUser, "role">, requested: InboxScope | undefined): InboxScope {
  return user.role === "CLIENT_ADMIN" && requested === "all" ? "all" : "mine";
}

/**
 * The tickets a client staff member may see. The organisation condition is
 * always present, so a shared reporter e-mail never opens another
 * organisation's ticket. "Mine" means filed with their e-mail, or filed by
 * them while signed in (they may have typed another follow-up address).
 */
export function inboxScopeWhere(
  user: Pick<SessionUser, "id" | "email" | "role" | "organisationId">,
  scope: InboxScope,
): Prisma.TicketWhereInput {
  const organisation: Prisma.TicketWhereInput = { organisationId: user.organisationId };
  if (effectiveInboxScope(user, scope) === "all") return organisation;
  return {
    ...organisation,
    OR: [{ reporterEmail: user.email.trim().toLowerCase() }, { reporterUserId: user.id }],
  };
}
