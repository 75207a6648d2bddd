import type { CustomerReplyInput } from "@/lib/validators/helpdesk";
import { db as defaultDb, type Db, type DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { resolveTicketAccessToken, touchTicketAccessToken, type ValidAccessToken } from "../access-tokens";
import { TicketNotFoundError } from "../errors";
import { addTicketMessage, type AddTicketMessageResult } from "../post-message";
import { PUBLIC_TICKET_SELECT, type PublicTicket } from "../public-thread";

export type FollowLinkView =
  | { ok: true; link: Pick<ValidAccessToken, "recipientEmail" | "recipientName" | "expiresAt">; ticket: PublicTicket }
  | { ok: false };

/**
 * What a magic link shows: the ticket's public thread and who the link was
 * issued to. Wrong, expired and revoked links all come back as `{ ok: false }`
 * (the page says the same thing for each, revealing nothing).
 */
export async function openFollowLink(db: DbOrTx, token: string, now: Date = new Date()): Promise<FollowLinkView> {
  const resolved = await resolveTicketAccessToken(db, token, now);
  if (!resolved.ok) {
    logger.info("helpdesk.follow_link_refused", { problem: resolved.problem });
    return { ok: false };
  }
  const { link } = resolved;
  const ticket = await db.ticket.findFirst({
    where: { id: link.ticketId, organisationId: link.organisationId },
    select: PUBLIC_TICKET_SELECT,
  });
  if (!ticket) return { ok: false };
  await touchTicketAccessToken(db, link.id, now);
  return { ok: true, link: { recipientEmail: link.recipientEmail, recipientName: link.recipientName, expiresAt: link.expiresAt }, ticket };
}

/**
 * A reply through a magic link, attributed to the person the link was issued
 * to (so a forwarded link shows whose it was). Throws TicketNotFoundError for
 * any unusable link.
 */
export async function replyViaFollowLink(
  token: string,
  input: CustomerReplyInput,
  db: Db = defaultDb,
): Promise<AddTicketMessageResult> {
  const result = await db.$transaction(async (tx) => {
    const resolved = await resolveTicketAccessToken(tx, token);
    if (!resolved.ok) throw new TicketNotFoundError("This link is not valid any more");
    const { link } = resolved;
    const added = await addTicketMessage(tx, {
      ticketId: link.ticketId,
      organisationId: link.organisationId,
      author: { kind: "reporter_via_link", name: link.recipientName ?? link.recipientEmail, email: link.recipientEmail },
      body: input.body,
      visibility: "public",
      attachments: input.attachments,
      accessTokenId: link.id,
    });
    await touchTicketAccessToken(tx, link.id);
    return added;
  }, { timeout: 20_000 });
  await dispatchOutboxEmails(result.emailIds);
  return result;
}
