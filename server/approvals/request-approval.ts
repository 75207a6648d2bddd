/**
 * Sends an approval request: one ticket, or several tickets of one
 * organisation in one combined e-mail (bulk). In one transaction it locks the
 * tickets, re-checks the rules, replaces each ticket's current request (its
 * links die at once), creates the new engagements with two single-use links
 * each, writes the trail and queues the e-mail. The mail is woken after commit.
 */
import crypto from "node:crypto";
import { db as defaultDb, type Db, type DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { recordTicketEvent, type TrailActor } from "@/server/helpdesk/trail";
import type { ApprovalContext } from "./approval-context";
import { renderApprovalRequestEmail, type ApprovalEmailCard } from "./approval-email";
import { approvalUrl, issueApprovalLink } from "./approval-links";
import { unsafeLoadApprovalTickets, type ApprovalTicket } from "./approval-tickets";
import { checkApprovalRequest, type ApprovalRequestMode } from "./check-approval-request";
import { ApprovalError } from "./errors";

export interface RequestApprovalInput {
  ticketIds: readonly string[];
  mode: ApprovalRequestMode;
  /** One (edited) summary per ticket; a missing one is sent empty. */
  summaries: ReadonlyArray<{ ticketId: string; summary: string }>;
  note?: string | null;
  requestedBy: { id: string | null; name: string };
  now?: Date;
}

export interface RequestApprovalResult {
  /** Shared id of a bulk request's engagements; null for a single request. */
  batchId: string | null;
  engagements: Array<{ id: string; ticketId: string; ticketNumber: string }>;
  ownerEmail: string;
  emailId: string;
  /** Earlier requests this one replaced (their links no longer work). */
  superseded: number;
}

/** Requests approval and wakes the mailer after commit. */
export async function requestApproval(input: RequestApprovalInput, ctx: ApprovalContext, db: Db = defaultDb): Promise<RequestApprovalResult> {
  const result = await db.$transaction((tx) => requestApprovalInTx(tx, input, ctx), { timeout: 20_000 });
  await dispatchOutboxEmails([result.emailId]);
  return result;
}

/** The transactional part of requestApproval; call dispatchOutboxEmails([emailId]) after commit. */
export async function requestApprovalInTx(tx: DbOrTx, input: RequestApprovalInput, ctx: ApprovalContext): Promise<RequestApprovalResult> {
  const now = input.now ?? new Date();
  const ticketIds = [...new Set(input.ticketIds)];
  if (ticketIds.length === 0) throw new ApprovalError("invalid_input", "Select at least one ticket", "ticketIds");

  // Sorted locks: two requests (or a request and an owner's confirmation) never wait on each other in a circle.
  await lockTickets(tx, ticketIds);
  const tickets = await unsafeLoadApprovalTickets(tx, ticketIds);
  const checked = checkApprovalRequest(ticketIds, tickets, input.mode);

  const summaries = new Map(input.summaries.map((s) => [s.ticketId, s.summary.trim()]));
  const note = input.note?.trim() || null;
  const batchId = input.mode === "bulk" ? crypto.randomUUID() : null;
  const actor: TrailActor = { kind: "agent", userId: input.requestedBy.id, name: input.requestedBy.name };

  const engagements: RequestApprovalResult["engagements"] = [];
  const cards: ApprovalEmailCard[] = [];
  let superseded = 0;
  for (const ticket of tickets) {
    superseded += await supersedeCurrentEngagement(tx, ticket, now, actor);
    const summary = summaries.get(ticket.id) ?? "";
    const approve = issueApprovalLink(ctx.keys);
    const reject = issueApprovalLink(ctx.keys);
    const engagement = await tx.approvalEngagement.create({
      data: {
        ticketId: ticket.id,
        organisationId: ticket.organisation.id,
        state: "pending",
        ownerName: checked.owner.name,
        ownerEmail: checked.owner.email,
        summary,
        note,
        requestedById: input.requestedBy.id,
        requestedByName: input.requestedBy.name,
        batchId,
        sentAt: now,
        tokens: {
          create: [
            { decision: "approve", tokenHash: approve.tokenHash, salt: approve.salt },
            { decision: "reject", tokenHash: reject.tokenHash, salt: reject.salt },
          ],
        },
      },
      select: { id: true },
    });
    await recordTicketEvent(tx, {
      ticketId: ticket.id,
      organisationId: ticket.organisation.id,
      kind: "approval_requested",
      summary: `Owner approval requested from ${checked.owner.name} by ${input.requestedBy.name}${batchId ? ` (bulk request of ${tickets.length})` : ""}`,
      actor,
      at: now,
      data: { engagementId: engagement.id, ownerEmail: checked.owner.email, batchId },
    });
    engagements.push({ id: engagement.id, ticketId: ticket.id, ticketNumber: ticket.number });
    cards.push(
      approvalCard(ticket, summary, {
        approveUrl: approvalUrl(ctx.appUrl, approve.token, "approve"),
        rejectUrl: approvalUrl(ctx.appUrl, reject.token, "reject"),
      }),
    );
  }

  const mail = renderApprovalRequestEmail({
    ownerName: checked.owner.name,
    agentName: input.requestedBy.name,
    note,
    organisationLabel: checked.organisation.label,
    brand: ctx.brand,
    cards,
  });
  const emailId = await enqueueEmail(tx, { to: checked.owner.email, ...mail, category: "approval-request" });
  return { batchId, engagements, ownerEmail: checked.owner.email, emailId, superseded };
}

/** One e-mail card: the summary as sent, the full request as the ticket reads now. */
export function approvalCard(ticket: ApprovalTicket, summary: string, urls: { approveUrl: string; rejectUrl: string }): ApprovalEmailCard {
  return {
    ticketNumber: ticket.number,
    subject: ticket.subject,
    summary,
    fullRequest: { description: ticket.description, publicMessages: ticket.publicMessages },
    ...urls,
  };
}

/** Row locks on the tickets in id order (the same order every writer uses). */
export async function lockTickets(tx: DbOrTx, ticketIds: readonly string[]): Promise<void> {
  const sorted = [...ticketIds].sort();
  await tx.$queryRaw`SELECT "id" FROM "Ticket" WHERE "id" IN (${Prisma.join(sorted)}) ORDER BY "id" FOR UPDATE`;
}

/**
 * Retires the ticket's current request: a pending one becomes superseded, a
 * decided one keeps its decision; either way its unused links are revoked.
 * Returns 1 when there was one.
 */
async function supersedeCurrentEngagement(tx: DbOrTx, ticket: ApprovalTicket, now: Date, actor: TrailActor): Promise<number> {
  const current = await tx.approvalEngagement.findMany({
    where: { ticketId: ticket.id, supersededAt: null },
    select: { id: true, state: true, ownerName: true },
  });
  if (current.length === 0) return 0;
  const ids = current.map((e) => e.id);
  await tx.approvalEngagement.updateMany({ where: { id: { in: ids }, state: "pending" }, data: { state: "superseded", supersededAt: now } });
  await tx.approvalEngagement.updateMany({ where: { id: { in: ids }, supersededAt: null }, data: { supersededAt: now } });
  await tx.approvalToken.updateMany({ where: { engagementId: { in: ids }, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  for (const engagement of current) {
    await recordTicketEvent(tx, {
      ticketId: ticket.id,
      organisationId: ticket.organisation.id,
      kind: "approval_superseded",
      summary:
        engagement.state === "pending"
          ? `Earlier approval request to ${engagement.ownerName} replaced before a decision; its links no longer work`
          : `Earlier approval request to ${engagement.ownerName} (${engagement.state}) replaced by a new request`,
      actor,
      at: now,
      data: { engagementId: engagement.id, previousState: engagement.state },
    });
  }
  return current.length;
}
