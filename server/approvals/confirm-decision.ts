/**
 * The owner's side of a magic link: what the confirmation page shows, and the
 * confirmation itself. Any link that is malformed, unknown, used, revoked,
 * for the other decision, or of a request that is no longer pending resolves
 * to the same `invalid` answer, so the page never reveals which it was.
 *
 * Single use under concurrency: the confirmation locks the ticket, then moves
 * the engagement out of `pending` with `UPDATE … WHERE state = 'pending'`, then
 * marks the token with `UPDATE … WHERE usedAt IS NULL AND revokedAt IS NULL
 * RETURNING`. A second confirmation (same link, or the other button) waits on
 * the first and then matches no row, so exactly one decision is recorded.
 */
import { KeyedQueue } from "@/server/concurrency/keyed-queue";
import { db as defaultDb, type Db, type DbOrTx } from "@/server/db";
import { HelpdeskError } from "@/server/helpdesk/errors";
import { postPublicMessage, addTicketMessage, type AddTicketMessageResult } from "@/server/helpdesk/post-message";
import { recordTicketEvent } from "@/server/helpdesk/trail";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { hashToken } from "@/server/security/tokens";
import type { ApprovalContext } from "./approval-context";
import { approvalLinksExpireAt, getApprovalSettings } from "./approval-settings";
import { isWellFormedApprovalToken, parseApprovalDecision, type ApprovalDecisionWord } from "./approval-links";
import { decisionHeadline, decisionMessageBody, renderDecisionNoticeEmail } from "./decision-notice-email";
import { fullRequestText } from "./approval-email";
import { unsafeLoadApprovalTickets } from "./approval-tickets";
import { lockTickets } from "./request-approval";

export interface ValidApprovalLink {
  status: "valid";
  decision: ApprovalDecisionWord;
  /** Binds the page's anti-forgery value to this link. */
  tokenHash: string;
  ticketNumber: string;
  subject: string;
  summary: string;
  /** The agent's note and name, as at the top of the e-mail. */
  note: string | null;
  requestedByName: string;
  /** "Full request" as in the e-mail: the description and public thread (never internal notes). */
  fullRequest: string;
  ownerName: string;
  organisationName: string;
  sentAt: Date;
}

/** A live link past its expiry (settings: linkExpiryDays): the page says so and who can send a new one. */
export interface ExpiredApprovalLink {
  status: "expired";
  ticketNumber: string;
  organisationName: string;
  expiredAt: Date;
}

export type ApprovalLinkView = ValidApprovalLink | ExpiredApprovalLink | { status: "invalid" };

const INVALID = { status: "invalid" } as const;

/** What GET /approve/<token>/<decision> shows. Reads only; nothing is recorded. */
export async function resolveApprovalLink(db: DbOrTx, token: string, decisionText: string, now: Date = new Date()): Promise<ApprovalLinkView> {
  const decision = parseApprovalDecision(decisionText);
  if (!decision || !isWellFormedApprovalToken(token)) return INVALID;
  const tokenHash = hashToken(token);
  const link = await db.approvalToken.findUnique({
    where: { tokenHash },
    select: {
      decision: true,
      usedAt: true,
      revokedAt: true,
      engagement: {
        select: {
          state: true,
          supersededAt: true,
          summary: true,
          note: true,
          requestedByName: true,
          ownerName: true,
          sentAt: true,
          ticketId: true,
          ticket: { select: { number: true, subject: true } },
          organisation: { select: { name: true } },
        },
      },
    },
  });
  if (!link || link.decision !== decision || link.usedAt || link.revokedAt) return INVALID;
  const { engagement } = link;
  if (engagement.state !== "pending" || engagement.supersededAt) return INVALID;
  const expiredAt = await expiryPassed(db, engagement.sentAt, now);
  if (expiredAt) return { status: "expired", ticketNumber: engagement.ticket.number, organisationName: engagement.organisation.name, expiredAt };
  // By the engagement's own ticket id: the token already proved access to exactly this request.
  const [ticket] = await unsafeLoadApprovalTickets(db, [engagement.ticketId]);
  return {
    status: "valid",
    decision,
    tokenHash,
    ticketNumber: engagement.ticket.number,
    subject: engagement.ticket.subject,
    summary: engagement.summary,
    note: engagement.note,
    requestedByName: engagement.requestedByName,
    fullRequest: ticket ? fullRequestText({ fullRequest: ticket }) : "",
    ownerName: engagement.ownerName,
    organisationName: engagement.organisation.name,
    sentAt: engagement.sentAt,
  };
}

export interface ConfirmApprovalInput {
  token: string;
  decision: string;
  /** The owner's optional comment (already length-checked by the caller). */
  comment?: string | null;
  now?: Date;
}

export type ConfirmApprovalResult =
  | {
      status: "recorded";
      state: "approved" | "rejected";
      engagementId: string;
      ticketId: string;
      ticketNumber: string;
      subject: string;
      ownerName: string;
      messageId: string;
    }
  /** The link was good, but its request had just been answered (by this link or the other button). */
  | { status: "already_decided"; state: "approved" | "rejected" }
  | { status: "expired" }
  | { status: "invalid" };

/** Lost a race after the engagement was already moved: undo everything. */
class LinkAlreadyUsed extends Error {}

/** The moment links sent at `sentAt` expired, or null while they still work. */
async function expiryPassed(db: DbOrTx, sentAt: Date, now: Date): Promise<Date | null> {
  const expiresAt = approvalLinksExpireAt(sentAt, (await getApprovalSettings(db)).linkExpiryDays);
  return expiresAt.getTime() <= now.getTime() ? expiresAt : null;
}

/** Confirmations of one link in this process, queued by token hash (see KeyedQueue for why). */
const confirmations = new KeyedQueue();

/** The decision already recorded on the link's request, if any (read without a transaction). */
async function decidedState(db: DbOrTx, tokenHash: string): Promise<"approved" | "rejected" | null> {
  const link = await db.approvalToken.findUnique({ where: { tokenHash }, select: { engagement: { select: { state: true } } } });
  const state = link?.engagement.state;
  return state === "approved" || state === "rejected" ? state : null;
}

/** Confirms the decision of a link and wakes the mailer after commit. */
export async function confirmApprovalDecision(
  input: ConfirmApprovalInput,
  ctx: Pick<ApprovalContext, "appUrl">,
  db: Db = defaultDb,
): Promise<ConfirmApprovalResult> {
  const decision = parseApprovalDecision(input.decision);
  if (!decision || !isWellFormedApprovalToken(input.token)) return INVALID;
  const tokenHash = hashToken(input.token);
  return confirmations.run(tokenHash, async (waited) => {
    // A link used earlier stays "invalid" like every dead link; one answered while this click waited says what won.
    const decided = await decidedState(db, tokenHash);
    if (decided) return waited ? { status: "already_decided", state: decided } : INVALID;
    const result = await confirmOnce({ ...input, decision }, ctx, db);
    if (result.status !== "invalid") return result;
    // Lost to a confirmation in another process: say what was decided rather than "invalid".
    const after = await decidedState(db, tokenHash);
    return after ? { status: "already_decided", state: after } : INVALID;
  });
}

async function confirmOnce(
  input: ConfirmApprovalInput & { decision: ApprovalDecisionWord },
  ctx: Pick<ApprovalContext, "appUrl">,
  db: Db,
): Promise<ConfirmApprovalResult> {
  try {
    // maxWait: on a busy host a pooled connection can take more than Prisma's default 2 s to free up.
    const outcome = await db.$transaction((tx) => confirmInTx(tx, input, ctx), { maxWait: 15_000, timeout: 20_000 });
    if (outcome.status === "recorded") await dispatchOutboxEmails(outcome.emailIds);
    if (outcome.status !== "recorded") return outcome;
    const { emailIds: _emailIds, ...result } = outcome;
    return result;
  } catch (error) {
    if (error instanceof LinkAlreadyUsed) return INVALID;
    throw error;
  }
}

type TxOutcome = (Extract<ConfirmApprovalResult, { status: "recorded" }> & { emailIds: string[] }) | { status: "invalid" } | { status: "expired" };

async function confirmInTx(
  tx: DbOrTx,
  input: ConfirmApprovalInput & { decision: ApprovalDecisionWord },
  ctx: Pick<ApprovalContext, "appUrl">,
): Promise<TxOutcome> {
  const now = input.now ?? new Date();
  const tokenHash = hashToken(input.token);
  const link = await tx.approvalToken.findUnique({
    where: { tokenHash },
    select: { id: true, decision: true, engagementId: true, engagement: { select: { ticketId: true, sentAt: true } } },
  });
  if (!link || link.decision !== input.decision) return INVALID;
  if (await expiryPassed(tx, link.engagement.sentAt, now)) return { status: "expired" };

  // Same lock order as requestApproval (ticket, then engagement): no deadlock with a re-engagement.
  await lockTickets(tx, [link.engagement.ticketId]);
  const state = input.decision === "approve" ? "approved" : "rejected";
  const comment = input.comment?.trim() || null;
  const [engagement] = await tx.approvalEngagement.updateManyAndReturn({
    where: { id: link.engagementId, state: "pending", supersededAt: null },
    data: { state, decidedAt: now, decisionComment: comment },
    select: {
      id: true,
      ticketId: true,
      organisationId: true,
      ownerName: true,
      ownerEmail: true,
      requestedById: true,
      ticket: { select: { number: true, subject: true, status: true, assignee: { select: { email: true } } } },
    },
  });
  if (!engagement) return INVALID;

  const used = await tx.approvalToken.updateManyAndReturn({
    where: { id: link.id, usedAt: null, revokedAt: null },
    data: { usedAt: now },
    select: { id: true },
  });
  if (used.length === 0) throw new LinkAlreadyUsed();
  // The other button of this request dies with it.
  await tx.approvalToken.updateMany({
    where: { engagementId: engagement.id, id: { not: link.id }, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });

  const message = await postDecisionMessage(tx, {
    ticketId: engagement.ticketId,
    organisationId: engagement.organisationId,
    ticketClosed: engagement.ticket.status === "closed",
    owner: { name: engagement.ownerName, email: engagement.ownerEmail },
    body: decisionMessageBody(input.decision, engagement.ownerName, comment),
    now,
  });
  await recordTicketEvent(tx, {
    ticketId: engagement.ticketId,
    organisationId: engagement.organisationId,
    kind: "approval_decided",
    summary: decisionHeadline(input.decision, engagement.ownerName),
    actor: { kind: "owner", name: engagement.ownerName },
    at: now,
    data: { engagementId: engagement.id, decision: input.decision, hasComment: comment !== null },
  });

  const noticeIds = await notifyProviderStaff(tx, {
    requestedById: engagement.requestedById,
    assigneeEmail: engagement.ticket.assignee?.email ?? null,
    notice: {
      decision: input.decision,
      ownerName: engagement.ownerName,
      ticketNumber: engagement.ticket.number,
      subject: engagement.ticket.subject,
      comment,
      ticketUrl: `${ctx.appUrl.replace(/\/+$/, "")}/tickets/${encodeURIComponent(engagement.ticket.number)}`,
    },
  });

  return {
    status: "recorded",
    state,
    engagementId: engagement.id,
    ticketId: engagement.ticketId,
    ticketNumber: engagement.ticket.number,
    subject: engagement.ticket.subject,
    ownerName: engagement.ownerName,
    messageId: message.messageId,
    emailIds: [...message.emailIds, ...noticeIds],
  };
}

/**
 * The decision as a public message from the owner, so client staff see it in
 * My Tickets. A closed ticket takes no customer messages, so there the system
 * posts it in the owner's name instead of losing the decision.
 */
async function postDecisionMessage(
  tx: DbOrTx,
  input: { ticketId: string; organisationId: string; ticketClosed: boolean; owner: { name: string; email: string }; body: string; now: Date },
): Promise<AddTicketMessageResult> {
  if (!input.ticketClosed) {
    try {
      return await postPublicMessage(tx, {
        ticketId: input.ticketId,
        organisationId: input.organisationId,
        author: { kind: "owner", name: input.owner.name, email: input.owner.email },
        body: input.body,
        // notifyProviderStaff below already tells the assignee about the decision.
        notify: false,
        now: input.now,
      });
    } catch (error) {
      if (!(error instanceof HelpdeskError && error.code === "conflict")) throw error;
    }
  }
  return addTicketMessage(tx, {
    ticketId: input.ticketId,
    organisationId: input.organisationId,
    author: { kind: "system", name: `${input.owner.name} (owner)` },
    visibility: "public",
    body: input.body,
    notify: false,
    now: input.now,
  });
}

/** E-mails the agent who asked and the ticket's assignee (once each) about the decision. */
async function notifyProviderStaff(
  tx: DbOrTx,
  input: { requestedById: string | null; assigneeEmail: string | null; notice: Parameters<typeof renderDecisionNoticeEmail>[0] },
): Promise<string[]> {
  const recipients = new Set<string>();
  if (input.requestedById) {
    const agent = await tx.user.findUnique({ where: { id: input.requestedById }, select: { email: true, disabledAt: true } });
    if (agent && !agent.disabledAt) recipients.add(agent.email.toLowerCase());
  }
  if (input.assigneeEmail) recipients.add(input.assigneeEmail.toLowerCase());
  const mail = renderDecisionNoticeEmail(input.notice);
  const ids: string[] = [];
  for (const to of recipients) ids.push(await enqueueEmail(tx, { to, ...mail, category: "approval-decision" }));
  return ids;
}
