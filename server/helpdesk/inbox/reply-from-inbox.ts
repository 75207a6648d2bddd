import type { CustomerReplyInput, InboxCreateTicketInput } from "@/lib/validators/helpdesk";
import type { SessionUser } from "@/server/auth/session-user";
import { db as defaultDb, type Db } from "@/server/db";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { createTicket, type CreatedTicket } from "../create-ticket";
import { TicketNotFoundError } from "../errors";
import { addTicketMessage, type AddTicketMessageResult } from "../post-message";
import { inboxScopeWhere } from "./inbox-scope";

/**
 * A reply from My Tickets, attributed to the signed-in person (not to the
 * ticket's reporter). Out-of-scope tickets answer not-found. Their own reply
 * counts as seen.
 */
export async function replyFromInbox(
  user: SessionUser,
  number: string,
  input: CustomerReplyInput,
  db: Db = defaultDb,
): Promise<AddTicketMessageResult> {
  const result = await db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { AND: [inboxScopeWhere(user, "all"), { number }] },
      select: { id: true, organisationId: true },
    });
    if (!ticket) throw new TicketNotFoundError();
    const added = await addTicketMessage(tx, {
      ticketId: ticket.id,
      organisationId: user.organisationId,
      author: { kind: "client_user", userId: user.id, name: user.name ?? user.email, email: user.email },
      body: input.body,
      visibility: "public",
      attachments: input.attachments,
    });
    await tx.ticketReadState.upsert({
      where: { userId_ticketId: { userId: user.id, ticketId: ticket.id } },
      create: { userId: user.id, ticketId: ticket.id, lastSeenMessageAt: added.createdAt },
      update: { lastSeenMessageAt: added.createdAt, seenAt: new Date() },
    });
    return added;
  }, { timeout: 20_000 });
  await dispatchOutboxEmails(result.emailIds);
  return result;
}

/** A ticket filed from My Tickets: the organisation is the user's, routing customer → provider. */
export function createInboxTicket(user: SessionUser, input: InboxCreateTicketInput, db: Db = defaultDb): Promise<CreatedTicket> {
  return createTicket(
    {
      ...input,
      organisationId: user.organisationId,
      reporterUserId: user.id,
      channel: "inbox",
      origin: "customer",
      author: { kind: "client_user", userId: user.id, name: input.reporterName, email: input.reporterEmail },
    },
    db,
  );
}
