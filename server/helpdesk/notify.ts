import { TICKET_STATUS_INFO, type TicketStatus } from "@/lib/helpdesk/ticket-statuses";
import { appEnv } from "@/server/config-readers";
import type { DbOrTx } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { issueTicketAccessToken } from "./access-tokens";
import { renderCustomerRepliedEmail } from "./emails/customer-replied-email";
import { renderTicketAckEmail } from "./emails/ticket-ack-email";
import { renderTicketReplyEmail } from "./emails/ticket-reply-email";

/**
 * Ticket e-mails. Each writes outbox rows inside the caller's transaction and
 * returns their ids; the caller runs dispatchOutboxEmails(ids) after commit.
 * Every recipient gets their own magic link.
 */

/** Makes sure the reporter (or another address) follows the ticket. */
export async function addTicketFollower(
  tx: DbOrTx,
  input: { ticketId: string; email: string; name?: string | null },
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  await tx.ticketFollower.upsert({
    where: { ticketId_email: { ticketId: input.ticketId, email } },
    create: { ticketId: input.ticketId, email, name: input.name ?? null },
    update: {},
  });
}

/** The acknowledgement e-mail to the reporter of a new ticket. */
export async function enqueueTicketAcknowledgement(tx: DbOrTx, ticketId: string, now: Date = new Date()): Promise<string[]> {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: { id: true, number: true, subject: true, reporterEmail: true, reporterName: true, organisation: { select: { label: true } } },
  });
  const link = await issueTicketAccessToken(tx, {
    ticketId: ticket.id,
    recipientEmail: ticket.reporterEmail,
    recipientName: ticket.reporterName,
    now,
  });
  const mail = renderTicketAckEmail({
    number: ticket.number,
    subject: ticket.subject,
    recipientName: ticket.reporterName,
    organisationLabel: ticket.organisation.label,
    followUrl: link.url,
    expiresAt: link.expiresAt,
  });
  const id = await enqueueEmail(tx, { to: ticket.reporterEmail, ...mail, category: "ticket-ack" });
  return [id];
}

/**
 * E-mails a public provider reply to the reporter and every follower (each
 * once, each with their own link). `excludeEmail` skips the author's own copy.
 */
export async function enqueueReplyNotifications(
  tx: DbOrTx,
  input: { ticketId: string; authorName: string; body: string; excludeEmail?: string | null; now?: Date },
): Promise<string[]> {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: input.ticketId },
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      reporterEmail: true,
      reporterName: true,
      followers: { select: { email: true, name: true } },
    },
  });
  const recipients = new Map<string, string | null>();
  recipients.set(ticket.reporterEmail, ticket.reporterName);
  for (const f of ticket.followers) if (!recipients.has(f.email)) recipients.set(f.email, f.name);
  if (input.excludeEmail) recipients.delete(input.excludeEmail.trim().toLowerCase());

  const ids: string[] = [];
  for (const [email, name] of recipients) {
    const link = await issueTicketAccessToken(tx, { ticketId: ticket.id, recipientEmail: email, recipientName: name, now: input.now });
    const mail = renderTicketReplyEmail({
      number: ticket.number,
      subject: ticket.subject,
      recipientName: name,
      authorName: input.authorName,
      body: input.body,
      followUrl: link.url,
      expiresAt: link.expiresAt,
      status: TICKET_STATUS_INFO[ticket.status as TicketStatus].label,
    });
    ids.push(await enqueueEmail(tx, { to: email, ...mail, category: "ticket-reply" }));
  }
  return ids;
}

/**
 * E-mails the assigned agent that the customer replied (the console's badge
 * and marker come from Ticket.lastCustomerReplyAt). No assignee, a disabled
 * account or the assignee writing as the customer: no e-mail.
 */
export async function enqueueCustomerReplyNotice(
  tx: DbOrTx,
  input: { ticketId: string; authorName: string; authorEmail?: string | null; body: string },
): Promise<string[]> {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: input.ticketId },
    select: {
      number: true,
      subject: true,
      organisation: { select: { label: true } },
      assignee: { select: { email: true, name: true, disabledAt: true } },
    },
  });
  const assignee = ticket.assignee;
  if (!assignee || assignee.disabledAt) return [];
  if (input.authorEmail && input.authorEmail.trim().toLowerCase() === assignee.email.toLowerCase()) return [];
  const mail = renderCustomerRepliedEmail({
    number: ticket.number,
    subject: ticket.subject,
    assigneeName: assignee.name,
    authorName: input.authorName,
    organisationLabel: ticket.organisation.label,
    body: input.body,
    ticketUrl: `${appEnv.helpdesk().appUrl}/tickets/${ticket.number}`,
  });
  return [await enqueueEmail(tx, { to: assignee.email, ...mail, category: "ticket-customer-reply" })];
}
