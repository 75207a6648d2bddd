/**
 * The single reminder: requests still pending `reminderDays` after they were
 * sent, and never reminded, get one more e-mail with the same links. A bulk
 * request's due cards go out together in one e-mail, as the first one did.
 * Each engagement is claimed with `UPDATE … WHERE remindedAt IS NULL` in the
 * transaction that queues its e-mail, so overlapping runs never send twice.
 */
import { db as defaultDb, type Db, type DbOrTx } from "@/server/db";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { recordTicketEvent } from "@/server/helpdesk/trail";
import { logger } from "@/server/logger";
import { hashToken } from "@/server/security/tokens";
import type { ApprovalContext } from "./approval-context";
import { renderApprovalRequestEmail, type ApprovalEmailCard } from "./approval-email";
import { approvalUrl, deriveApprovalToken, issueApprovalLink, type ApprovalDecisionWord } from "./approval-links";
import { getApprovalSettings } from "./approval-settings";
import { unsafeLoadApprovalTickets } from "./approval-tickets";
import { approvalCard } from "./request-approval";

const DAY_MS = 86_400_000;
/** Engagements handled per run; the next run picks up the rest. */
const MAX_PER_RUN = 500;

export interface ReminderCandidate {
  id: string;
  batchId: string | null;
}

/**
 * Pending, current, never-reminded engagements sent at or before `now − days`.
 * Empty when `days` is 0 (reminders off).
 */
export async function selectDueReminders(db: DbOrTx, opts: { now: Date; reminderDays: number; limit?: number }): Promise<ReminderCandidate[]> {
  if (opts.reminderDays <= 0) return [];
  const cutoff = new Date(opts.now.getTime() - opts.reminderDays * DAY_MS);
  return db.approvalEngagement.findMany({
    where: { state: "pending", supersededAt: null, remindedAt: null, sentAt: { lte: cutoff } },
    orderBy: { sentAt: "asc" },
    take: opts.limit ?? MAX_PER_RUN,
    select: { id: true, batchId: true },
  });
}

export interface SendRemindersResult {
  /** "off" when the reminder setting is 0. */
  skipped?: "off";
  reminderDays: number;
  /** Engagements marked reminded in this run. */
  reminded: number;
  /** E-mails queued (a bulk request's cards share one). */
  emails: number;
}

/** Sends every due reminder; safe to run at any time and any number of times. */
export async function sendDueReminders(ctx: ApprovalContext, opts: { now?: Date } = {}, db: Db = defaultDb): Promise<SendRemindersResult> {
  const now = opts.now ?? new Date();
  const { reminderDays } = await getApprovalSettings(db);
  if (reminderDays <= 0) return { skipped: "off", reminderDays, reminded: 0, emails: 0 };

  const due = await selectDueReminders(db, { now, reminderDays });
  const groups = new Map<string, string[]>();
  for (const candidate of due) {
    const key = candidate.batchId ?? `single:${candidate.id}`;
    groups.set(key, [...(groups.get(key) ?? []), candidate.id]);
  }

  let reminded = 0;
  let emails = 0;
  for (const ids of groups.values()) {
    try {
      const sent = await db.$transaction((tx) => remindGroup(tx, ids, ctx, now), { timeout: 20_000 });
      if (!sent) continue;
      reminded += sent.count;
      emails += 1;
      await dispatchOutboxEmails([sent.emailId]);
    } catch (error) {
      // One broken group must not hold back the others; it is retried next run (not marked reminded).
      logger.error("approvals.reminder_failed", { engagementIds: ids, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { reminderDays, reminded, emails };
}

async function remindGroup(tx: DbOrTx, ids: string[], ctx: ApprovalContext, now: Date): Promise<{ count: number; emailId: string } | null> {
  const claimed = await tx.approvalEngagement.updateManyAndReturn({
    where: { id: { in: ids }, state: "pending", supersededAt: null, remindedAt: null },
    data: { remindedAt: now },
    select: {
      id: true,
      ticketId: true,
      organisationId: true,
      ownerName: true,
      ownerEmail: true,
      summary: true,
      note: true,
      requestedByName: true,
      sentAt: true,
      organisation: { select: { label: true } },
    },
  });
  if (claimed.length === 0) return null;
  const liveTokens = await tx.approvalToken.findMany({
    where: { engagementId: { in: claimed.map((e) => e.id) }, usedAt: null, revokedAt: null },
    select: { id: true, engagementId: true, decision: true, salt: true, tokenHash: true },
  });
  claimed.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || a.id.localeCompare(b.id));

  const tickets = new Map((await unsafeLoadApprovalTickets(tx, claimed.map((e) => e.ticketId))).map((t) => [t.id, t]));
  const cards: ApprovalEmailCard[] = [];
  for (const engagement of claimed) {
    const ticket = tickets.get(engagement.ticketId);
    if (!ticket) continue;
    const tokens = liveTokens.filter((t) => t.engagementId === engagement.id);
    const urls = {
      approveUrl: approvalUrl(ctx.appUrl, await sameToken(tx, tokens, "approve", ctx), "approve"),
      rejectUrl: approvalUrl(ctx.appUrl, await sameToken(tx, tokens, "reject", ctx), "reject"),
    };
    cards.push(approvalCard(ticket, engagement.summary, urls));
    await recordTicketEvent(tx, {
      ticketId: engagement.ticketId,
      organisationId: engagement.organisationId,
      kind: "approval_reminded",
      summary: `Reminder sent to ${engagement.ownerName} (approval still pending)`,
      at: now,
      data: { engagementId: engagement.id },
    });
  }
  if (cards.length === 0) return null;

  const first = claimed[0] as (typeof claimed)[number];
  const mail = renderApprovalRequestEmail({
    ownerName: first.ownerName,
    agentName: first.requestedByName,
    note: first.note,
    organisationLabel: first.organisation.label,
    brand: ctx.brand,
    cards,
    isReminder: true,
  });
  const emailId = await enqueueEmail(tx, { to: first.ownerEmail, ...mail, category: "approval-reminder" });
  return { count: claimed.length, emailId };
}

/**
 * Re-derives the link the owner already has. If the server secret changed
 * since, the old link cannot be rebuilt: it is replaced by a fresh one (the
 * old one stops working) so the reminder still carries a working button.
 */
async function sameToken(
  tx: DbOrTx,
  tokens: ReadonlyArray<{ id: string; decision: ApprovalDecisionWord; salt: string; tokenHash: string }>,
  decision: ApprovalDecisionWord,
  ctx: ApprovalContext,
): Promise<string> {
  const row = tokens.find((t) => t.decision === decision);
  if (row) {
    const token = deriveApprovalToken(ctx.keys, row.salt);
    if (hashToken(token) === row.tokenHash) return token;
    logger.warn("approvals.reminder_link_rotated", { tokenId: row.id });
    const fresh = issueApprovalLink(ctx.keys);
    await tx.approvalToken.update({ where: { id: row.id }, data: { salt: fresh.salt, tokenHash: fresh.tokenHash } });
    return fresh.token;
  }
  throw new Error(`Engagement has no live ${decision} link`);
}
