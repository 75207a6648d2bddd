import { appEnv } from "@/server/config-readers";
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { maskTokens } from "@/server/security/mask-tokens";
import { openEmailBody } from "./sealed-email-body";
import { resolveAttachments } from "./resolve-attachments";
import { getSmtpTransport } from "./smtp-transport";

const LOCK_MS = 2 * 60 * 1000;
/** Retry delays after the 1st, 2nd, … failed attempt. */
const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000, 3 * 3600_000, 6 * 3600_000];

export type DeliveryResult =
  | { status: "sent"; messageId: string | null }
  | { status: "failed"; error: string; willRetry: boolean }
  | { status: "skipped"; reason: string };

/**
 * Sends one outbox message over SMTP. The row is claimed first so two workers
 * never send it twice; a failure is kept on the row with its error and a next
 * attempt time, and after maxAttempts the row is DEAD (never deleted).
 * `force` ignores nextAttemptAt (an event-driven send or an admin's retry).
 */
export async function deliverOutboxEmail(db: Db, id: string, opts: { force?: boolean; now?: Date } = {}): Promise<DeliveryResult> {
  const { SMTP_URL: smtpUrl, MAIL_FROM: from } = appEnv.mail();
  if (!smtpUrl) return { status: "skipped", reason: "SMTP_URL is not set" };
  const now = opts.now ?? new Date();
  const claimed = await db.outboxEmail.updateMany({
    where: {
      id,
      status: { in: ["PENDING", "FAILED", "NOT_SENT"] },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
      ...(opts.force ? {} : { nextAttemptAt: { lte: now } }),
    },
    data: { lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return { status: "skipped", reason: "not due, already sent or being sent" };
  const email = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
  if (!email.sealedBody) {
    const error = "The message body was purged (sent, dead or expired): it cannot be sent again";
    await db.outboxEmail.update({ where: { id }, data: { status: "DEAD", lastError: error, lockedUntil: null } });
    return { status: "failed", error, willRetry: false };
  }
  try {
    const body = openEmailBody(email.sealedBody);
    const info = await getSmtpTransport(smtpUrl).sendMail({
      from,
      to: email.to,
      subject: email.subject,
      text: body.text,
      html: body.html ?? undefined,
      attachments: await resolveAttachments(db, email.attachments),
    });
    // The links it carries now live only in the recipient's mailbox.
    await db.outboxEmail.update({
      where: { id },
      data: { status: "SENT", sentAt: new Date(), lockedUntil: null, lastError: null, messageId: info.messageId ?? null, sealedBody: null },
    });
    return { status: "sent", messageId: info.messageId ?? null };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const dead = email.attempts >= email.maxAttempts;
    const delay = RETRY_DELAYS_MS[Math.min(email.attempts - 1, RETRY_DELAYS_MS.length - 1)] ?? 60_000;
    await db.outboxEmail.update({
      where: { id },
      data: {
        status: dead ? "DEAD" : "FAILED",
        lastError: maskTokens(error).slice(0, 1000),
        ...(dead ? { sealedBody: null } : {}),
        lockedUntil: null,
        nextAttemptAt: new Date(Date.now() + delay),
      },
    });
    logger.warn("mail.delivery_failed", { emailId: id, attempts: email.attempts, dead, error });
    return { status: "failed", error, willRetry: !dead };
  }
}

/**
 * Closes messages still unsent after MAIL_BODY_MAX_AGE_DAYS (longer than any
 * link we mail lives): their sealed bodies are deleted and they become DEAD.
 */
export async function purgeExpiredEmailBodies(db: Db, now = new Date()): Promise<number> {
  const maxAgeDays = appEnv.mail().MAIL_BODY_MAX_AGE_DAYS;
  const { count } = await db.outboxEmail.updateMany({
    where: { sealedBody: { not: null }, createdAt: { lt: new Date(now.getTime() - maxAgeDays * 86_400_000) } },
    data: { sealedBody: null, status: "DEAD", lockedUntil: null, lastError: `Not sent within ${maxAgeDays} days: its links have expired` },
  });
  return count;
}

/** Delivers every message whose next attempt is due (the drain cron and "Send due now"); purges expired bodies first. */
export async function deliverDueEmails(db: Db, limit = 50): Promise<{ sent: number; failed: number }> {
  await purgeExpiredEmailBodies(db);
  if (!appEnv.mail().SMTP_URL) return { sent: 0, failed: 0 };
  const due = await db.outboxEmail.findMany({
    where: { status: { in: ["PENDING", "FAILED"] }, nextAttemptAt: { lte: new Date() } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let sent = 0;
  let failed = 0;
  for (const { id } of due) {
    const result = await deliverOutboxEmail(db, id);
    if (result.status === "sent") sent++;
    else if (result.status === "failed") failed++;
  }
  return { sent, failed };
}
