import type { TicketStatus } from "@/lib/helpdesk/ticket-statuses";
import type { AttachmentInput } from "@/lib/validators/helpdesk";
import type { DbOrTx } from "@/server/db";
import type { TicketMessageAuthorKind, TicketMessageVisibility } from "@/server/generated/prisma/client";
import { storeMessageAttachments } from "./attachments";
import { HelpdeskError, TicketNotFoundError, invalidInput } from "./errors";
import { enqueueCustomerReplyNotice, enqueueReplyNotifications } from "./notify";
import { loadSlaSettings } from "./sla-settings";
import { refreshTicketSla } from "./ticket-sla";
import { applyStatusChange } from "./ticket-status";
import { recordTicketEvent, type TrailActor } from "./trail";

/** Who writes a message. `name` (and `email`, when known) are kept on the message as written. */
export interface MessageAuthor {
  kind: TicketMessageAuthorKind;
  userId?: string | null;
  name: string;
  email?: string | null;
}

export interface AddTicketMessageInput {
  ticketId: string;
  /** The organisation the caller may act in; part of the ticket lookup, so a foreign ticket is not found. */
  organisationId: string;
  author: MessageAuthor;
  body: string;
  visibility?: TicketMessageVisibility;
  /** An internal note meant for the field team: it goes to the ticket's field jobs (public replies always do). */
  forFieldTeam?: boolean;
  attachments?: readonly AttachmentInput[];
  /** The magic link the message came through (reporter_via_link). */
  accessTokenId?: string | null;
  /** E-mail the reporter and followers about a public provider reply, or the assignee about a customer reply (default true). */
  notify?: boolean;
  now?: Date;
}

export interface AddTicketMessageResult {
  messageId: string;
  createdAt: Date;
  /** Outbox rows written in this transaction: pass to dispatchOutboxEmails after commit. */
  emailIds: string[];
  /** Set when the message moved the ticket (customer reply to a waiting or resolved ticket). */
  statusChangedTo: TicketStatus | null;
}

/** Authors on the customer's side: their reply resumes a paused clock or reopens a resolved ticket. */
const CUSTOMER_SIDE: ReadonlySet<TicketMessageAuthorKind> = new Set(["client_user", "reporter_via_link", "owner"]);

/**
 * Adds a message to a ticket: stores it and its attachments, writes the trail,
 * and applies what the message means for the ticket. A public reply from
 * provider staff records the first response, restarts the next-update clock
 * and e-mails the reporter and followers (each with their own magic link). A
 * reply from the customer's side resumes a ticket that waited on them and
 * reopens a resolved one; a closed ticket takes no customer replies. Internal
 * notes are for agents and the system only. Runs in the caller's transaction.
 */
export async function addTicketMessage(tx: DbOrTx, input: AddTicketMessageInput): Promise<AddTicketMessageResult> {
  const now = input.now ?? new Date();
  const visibility = input.visibility ?? "public";
  const { author } = input;
  const body = input.body.trim();
  if (body === "") throw invalidInput("body", "Message must not be empty");

  const ticket = await tx.ticket.findFirst({
    where: { id: input.ticketId, organisationId: input.organisationId },
    select: { id: true, organisationId: true, status: true, assigneeId: true, firstRespondedAt: true },
  });
  if (!ticket) throw new TicketNotFoundError();

  const providerSide = author.kind === "agent";
  const customerSide = CUSTOMER_SIDE.has(author.kind);
  if (visibility === "internal" && !(providerSide || author.kind === "system")) {
    throw invalidInput("visibility", "Only provider staff can write internal notes");
  }
  if (customerSide && ticket.status === "closed") {
    throw new HelpdeskError("conflict", "This ticket is closed; please file a new ticket", "body");
  }

  const message = await tx.ticketMessage.create({
    data: {
      ticketId: ticket.id,
      organisationId: ticket.organisationId,
      authorKind: author.kind,
      authorUserId: author.userId ?? null,
      authorName: author.name,
      authorEmail: author.email?.trim().toLowerCase() ?? null,
      visibility,
      forFieldTeam: visibility === "internal" && input.forFieldTeam === true,
      body,
      accessTokenId: input.accessTokenId ?? null,
      createdAt: now,
    },
    select: { id: true, createdAt: true },
  });
  const attachmentCount = await storeMessageAttachments(tx, {
    ticketId: ticket.id,
    messageId: message.id,
    organisationId: ticket.organisationId,
    files: input.attachments ?? [],
  });

  const actor: TrailActor = { kind: author.kind, userId: author.userId, name: author.name };
  await recordTicketEvent(tx, {
    ticketId: ticket.id,
    organisationId: ticket.organisationId,
    kind: visibility === "internal" ? "note_added" : "message_added",
    summary:
      visibility === "internal"
        ? `Internal note by ${author.name}`
        : `${providerSide ? "Reply" : "Message"} from ${author.name}`,
    actor,
    at: now,
    data: { messageId: message.id, visibility, authorKind: author.kind, attachments: attachmentCount },
  });

  const isPublicProviderReply = visibility === "public" && providerSide;
  const isCustomerReply = visibility === "public" && customerSide;
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      updatedAt: now,
      ...(visibility === "public" ? { lastPublicMessageAt: now } : {}),
      ...(isCustomerReply ? { lastCustomerReplyAt: now } : {}),
      ...(isPublicProviderReply
        ? { lastPublicProviderMessageAt: now, lastProviderUpdateAt: now, ...(ticket.firstRespondedAt ? {} : { firstRespondedAt: now }) }
        : {}),
    },
  });
  if (isPublicProviderReply && !ticket.firstRespondedAt) {
    await recordTicketEvent(tx, {
      ticketId: ticket.id,
      organisationId: ticket.organisationId,
      kind: "first_response",
      summary: `First response by ${author.name}`,
      actor,
      at: now,
    });
  }

  let statusChangedTo: TicketStatus | null = null;
  if (customerSide && visibility === "public") {
    if (ticket.status === "waiting_on_customer") statusChangedTo = ticket.assigneeId ? "in_progress" : "open";
    else if (ticket.status === "resolved") statusChangedTo = "open";
    if (statusChangedTo) await applyStatusChange(tx, ticket, statusChangedTo, actor, now);
  }

  await refreshTicketSla(tx, ticket.id, { settings: await loadSlaSettings(tx), now });

  const emailIds =
    input.notify === false
      ? []
      : isPublicProviderReply
        ? await enqueueReplyNotifications(tx, { ticketId: ticket.id, authorName: author.name, body, excludeEmail: author.email, now })
        : isCustomerReply
          ? await enqueueCustomerReplyNotice(tx, { ticketId: ticket.id, authorName: author.name, authorEmail: author.email, body })
          : [];

  return { messageId: message.id, createdAt: message.createdAt, emailIds, statusChangedTo };
}

/**
 * Posts a public (customer-visible) message on a ticket, e.g. an owner's
 * approval decision. Same rules as addTicketMessage; run it inside your
 * transaction and call dispatchOutboxEmails(result.emailIds) after commit.
 *
 * @example
 * const result = await db.$transaction((tx) =>
 *   postPublicMessage(tx, { ticketId, organisationId, author: { kind: "owner", name, email }, body }));
 * await dispatchOutboxEmails(result.emailIds);
 */
export function postPublicMessage(
  tx: DbOrTx,
  input: Omit<AddTicketMessageInput, "visibility">,
): Promise<AddTicketMessageResult> {
  return addTicketMessage(tx, { ...input, visibility: "public" });
}
