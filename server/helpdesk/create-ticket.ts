import { autoRequestFieldJobs } from "@/server/field-jobs/auto-request-field-jobs";
import { dispatchFieldJobWork } from "@/server/field-jobs/dispatch-field-job-work";
import { enqueueFieldJobCreates } from "@/server/field-jobs/enqueue-field-job-work";
import type { TicketPriority } from "@/lib/helpdesk/ticket-priorities";
import type { TicketType } from "@/lib/helpdesk/ticket-types";
import type { ActorKind } from "@/lib/helpdesk/actor-kinds";
import { TICKET_PRIORITY_INFO } from "@/lib/helpdesk/ticket-priorities";
import { TICKET_TYPE_INFO } from "@/lib/helpdesk/ticket-types";
import type { AttachmentInput } from "@/lib/validators/helpdesk";
import { db as defaultDb, type Db, type DbOrTx } from "@/server/db";
import type { Prisma, TicketChannel } from "@/server/generated/prisma/client";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { storeMessageAttachments } from "./attachments";
import { invalidInput } from "./errors";
import { addTicketFollower, enqueueTicketAcknowledgement } from "./notify";
import type { MessageAuthor } from "./post-message";
import { resolveRouting } from "./routing";
import { loadSlaSettings } from "./sla-settings";
import { ticketSearchText } from "./search-text";
import { generateTicketNumber } from "./ticket-number";
import { refreshTicketSla } from "./ticket-sla";
import { recordTicketEvent } from "./trail";

export interface CreateTicketParams {
  organisationId: string;
  subject: string;
  description: string;
  type: TicketType;
  priority: TicketPriority;
  reporterName: string;
  reporterEmail: string;
  reporterUserId?: string | null;
  serviceAddress?: string | null;
  affectedServices?: readonly string[];
  deviceSerials?: readonly string[];
  tags?: readonly string[];
  teamId?: string | null;
  assigneeId?: string | null;
  origin?: ActorKind;
  target?: ActorKind;
  diagnostics?: Prisma.InputJsonValue;
  attachments?: readonly AttachmentInput[];
  channel: TicketChannel;
  /** Who wrote the description (the first message). */
  author: MessageAuthor;
  /** Send the reporter the acknowledgement e-mail with a follow-up link (default true). */
  acknowledge?: boolean;
  /** A fixed number instead of a fresh one (seeds and imports; must be a valid, unused number). */
  number?: string;
  now?: Date;
}

export interface CreatedTicket {
  id: string;
  number: string;
  organisationId: string;
  /** Outbox rows to dispatch after commit (the acknowledgement). */
  emailIds: string[];
  /** Field jobs requested automatically for this ticket type, to push after commit. */
  fieldJobIds: string[];
}

/**
 * Files a ticket inside the caller's transaction: checks the organisation
 * (a client organisation), team, assignee and route, draws a unique number,
 * writes the ticket, its first message (the description, with attachments),
 * the reporter as follower, the trail entry, the SLA due dates and the
 * acknowledgement e-mail. Throws invalid_input naming the field at fault.
 */
export async function createTicketInTx(tx: DbOrTx, params: CreateTicketParams): Promise<CreatedTicket> {
  const now = params.now ?? new Date();
  const organisation = await tx.organisation.findUnique({
    where: { id: params.organisationId },
    select: { id: true, kind: true, label: true },
  });
  if (!organisation || organisation.kind !== "CLIENT") {
    throw invalidInput("organisationId", "Unknown client organisation");
  }
  if (params.teamId) {
    const team = await tx.team.findUnique({ where: { id: params.teamId }, select: { id: true } });
    if (!team) throw invalidInput("teamId", "Unknown team");
  }
  if (params.assigneeId) {
    const staff = await tx.membership.findFirst({
      where: { userId: params.assigneeId, role: { in: ["PROVIDER_ADMIN", "AGENT"] } },
      select: { id: true },
    });
    if (!staff) throw invalidInput("assigneeId", "The assignee must be a provider admin or agent");
  }
  const routing = resolveRouting({ type: params.type, origin: params.origin ?? "customer", target: params.target });
  if (!routing.ok) throw invalidInput(routing.error.field, routing.error.message);

  const number = params.number ?? (await drawUnusedNumber(tx));
  const reporterEmail = params.reporterEmail.trim().toLowerCase();
  const ticket = await tx.ticket.create({
    data: {
      number,
      organisationId: organisation.id,
      subject: params.subject.trim(),
      description: params.description.trim(),
      type: routing.route.type,
      priority: params.priority,
      origin: routing.route.origin,
      target: routing.route.target,
      channel: params.channel,
      reporterName: params.reporterName.trim(),
      reporterEmail,
      reporterUserId: params.reporterUserId ?? null,
      teamId: params.teamId ?? null,
      assigneeId: params.assigneeId ?? null,
      serviceAddress: params.serviceAddress ?? null,
      affectedServices: [...(params.affectedServices ?? [])],
      deviceSerials: [...(params.deviceSerials ?? [])],
      tags: [...(params.tags ?? [])],
      diagnostics: params.diagnostics,
      searchText: ticketSearchText({ ...params, number, reporterEmail }),
      status: params.assigneeId ? "in_progress" : "open",
      lastPublicMessageAt: now,
      createdAt: now,
      updatedAt: now,
    },
    select: { id: true, number: true, organisationId: true },
  });

  const message = await tx.ticketMessage.create({
    data: {
      ticketId: ticket.id,
      organisationId: ticket.organisationId,
      authorKind: params.author.kind,
      authorUserId: params.author.userId ?? null,
      authorName: params.author.name,
      authorEmail: params.author.email?.trim().toLowerCase() ?? null,
      visibility: "public",
      body: params.description.trim(),
      createdAt: now,
    },
    select: { id: true },
  });
  const attachmentCount = await storeMessageAttachments(tx, {
    ticketId: ticket.id,
    messageId: message.id,
    organisationId: ticket.organisationId,
    files: params.attachments ?? [],
  });
  await addTicketFollower(tx, { ticketId: ticket.id, email: reporterEmail, name: params.reporterName });

  await recordTicketEvent(tx, {
    ticketId: ticket.id,
    organisationId: ticket.organisationId,
    kind: "created",
    summary: `Ticket filed by ${params.author.name} via ${params.channel.replace("_", " ")}: ${TICKET_TYPE_INFO[params.type].label}, ${TICKET_PRIORITY_INFO[params.priority].label} priority, ${routing.route.origin} → ${routing.route.target}`,
    actor: { kind: params.author.kind, userId: params.author.userId, name: params.author.name },
    at: now,
    data: { channel: params.channel, messageId: message.id, attachments: attachmentCount, routing: { ...routing.route } },
  });

  await refreshTicketSla(tx, ticket.id, { settings: await loadSlaSettings(tx), now });
  const emailIds = params.acknowledge === false ? [] : await enqueueTicketAcknowledgement(tx, ticket.id, now);
  const fieldJobIds = await autoRequestFieldJobs(tx, {
    id: ticket.id,
    organisationId: ticket.organisationId,
    type: routing.route.type,
    subject: params.subject.trim(),
    description: params.description.trim(),
    serviceAddress: params.serviceAddress ?? null,
    affectedServices: [...(params.affectedServices ?? [])],
    deviceSerials: [...(params.deviceSerials ?? [])],
  });
  await enqueueFieldJobCreates(tx, fieldJobIds);
  return { ...ticket, emailIds, fieldJobIds };
}

/**
 * createTicketInTx in its own transaction, then wakes the mailer. Use this from
 * routers and routes; use the InTx form when the ticket is part of larger work.
 */
export async function createTicket(params: CreateTicketParams, db: Db = defaultDb): Promise<CreatedTicket> {
  const created = await db.$transaction((tx) => createTicketInTx(tx, params), { timeout: 20_000 });
  await dispatchOutboxEmails(created.emailIds);
  await dispatchFieldJobWork(created.fieldJobIds);
  return created;
}

// 60 random bits make a clash practically impossible; checking first keeps a
// clash from aborting the surrounding transaction with a unique violation.
async function drawUnusedNumber(tx: DbOrTx): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const number = generateTicketNumber();
    const taken = await tx.ticket.findUnique({ where: { number }, select: { id: true } });
    if (!taken) return number;
  }
  throw new Error("Could not draw an unused ticket number");
}
