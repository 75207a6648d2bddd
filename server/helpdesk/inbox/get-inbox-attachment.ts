import type { SessionUser } from "@/server/auth/session-user";
import type { DbOrTx } from "@/server/db";
import { resolveTicketAccessToken } from "../access-tokens";
import { inboxScopeWhere } from "./inbox-scope";

const FILE = { filename: true, contentType: true, sizeBytes: true, data: true } as const;

/**
 * A file client staff may download: on a public message of a ticket in their
 * scope (organisation always). Files on internal notes are never returned.
 */
export function getInboxAttachment(db: DbOrTx, user: SessionUser, attachmentId: string) {
  return db.ticketAttachment.findFirst({
    where: { id: attachmentId, organisationId: user.organisationId, message: { visibility: "public" }, ticket: inboxScopeWhere(user, "all") },
    select: FILE,
  });
}

/** A file reachable through a follow-up link: public messages of that link's ticket only. */
export async function getFollowLinkAttachment(db: DbOrTx, token: string, attachmentId: string) {
  const resolved = await resolveTicketAccessToken(db, token);
  if (!resolved.ok) return null;
  return db.ticketAttachment.findFirst({
    where: {
      id: attachmentId,
      ticketId: resolved.link.ticketId,
      organisationId: resolved.link.organisationId,
      message: { visibility: "public" },
    },
    select: FILE,
  });
}
