import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { brandedEmail } from "@/server/mail/templates/layout";
import { getAuditSettings, type AuditSettings } from "./audit-settings";
import { renderBurstAlertEmail, shouldAlert, type BurstDecisionReason, type BurstFailure } from "./burst-detector";
import { normalizeLogin } from "./record-login-event";
import { appEnv } from "@/server/config-readers";

/** Failures read for one decision; far above any sensible threshold. */
const MAX_FAILURES_READ = 500;

export interface BurstCheckResult {
  login: string;
  sent: boolean;
  /** Why: the detector's reason, "claimed_elsewhere" when a concurrent check sent it, "no_recipients". */
  reason: BurstDecisionReason | "claimed_elsewhere" | "no_recipients";
  recentCount: number;
  emailIds: string[];
}

export interface BurstCheckOptions {
  now?: Date;
  /** Base URL for the link to the login's failures; APP_URL by default. */
  appUrl?: string;
  /** Settings already read by the caller (the cron checks many logins). */
  settings?: AuditSettings;
}

function userAgentSummary(row: { browser: string | null; os: string | null; userAgentRaw: string }): string | null {
  if (row.browser && row.os) return `${row.browser} on ${row.os}`;
  return row.browser ?? row.os ?? (row.userAgentRaw || null);
}

/** Every provider admin who can receive mail: active account, PROVIDER_ADMIN membership. */
async function providerAdminEmails(db: Db): Promise<string[]> {
  const admins = await db.user.findMany({
    where: { disabledAt: null, memberships: { some: { role: "PROVIDER_ADMIN" } } },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  return admins.map((a) => a.email).filter((email) => email.includes("@"));
}

/**
 * Looks at one login's recent failed sign-ins and, when they reach the
 * threshold within the window (settings), e-mails every provider admin once,
 * with a table of the failures. The cooldown is claimed in the same
 * transaction that queues the mails, by one conditional update or one
 * insert-if-absent on LoginAlert: of two concurrent checks only one can claim
 * it, so two simultaneous failures never send two alerts.
 */
export async function checkLoginBurst(db: Db, rawLogin: string, options: BurstCheckOptions = {}): Promise<BurstCheckResult> {
  const login = normalizeLogin(rawLogin);
  const now = options.now ?? new Date();
  const settings = options.settings ?? (await getAuditSettings(db));
  const windowStart = new Date(now.getTime() - settings.burstWindowMinutes * 60_000);

  const [failures, lastAlert] = await Promise.all([
    db.loginEvent.findMany({
      where: { login, kind: "SIGN_IN", result: "FAILURE", occurredAt: { gte: windowStart } },
      orderBy: { occurredAt: "desc" },
      take: MAX_FAILURES_READ,
      select: { occurredAt: true, ip: true, countryCode: true, country: true, browser: true, os: true, userAgentRaw: true, failureReason: true },
    }),
    db.loginAlert.findUnique({ where: { login } }),
  ]);
  const decision = shouldAlert({
    failures: failures.map((f) => f.occurredAt),
    now,
    threshold: settings.burstThreshold,
    windowMinutes: settings.burstWindowMinutes,
    lastAlertAt: lastAlert?.lastSentAt ?? null,
    cooldownMinutes: settings.burstCooldownMinutes,
    enabled: settings.alertsEnabled,
  });
  const result = (sent: boolean, reason: BurstCheckResult["reason"], emailIds: string[] = []): BurstCheckResult => ({
    login,
    sent,
    reason,
    recentCount: decision.recentCount,
    emailIds,
  });
  if (!decision.alert) return result(false, decision.reason);

  const recipients = await providerAdminEmails(db);
  if (recipients.length === 0) {
    logger.warn("audit.burst_alert_no_recipients", { login });
    return result(false, "no_recipients");
  }

  // Only failures since the last alert go into this one.
  const fresh = failures.filter((f) => !lastAlert || f.occurredAt > lastAlert.lastSentAt);
  const shown: BurstFailure[] = fresh.map((f) => ({
    at: f.occurredAt,
    ip: f.ip,
    country: f.country ?? f.countryCode,
    userAgent: userAgentSummary(f),
    reason: f.failureReason?.toLowerCase() ?? null,
  }));
  const appUrl = (options.appUrl ?? appEnv.appUrl()).replace(/\/$/, "");
  const email = renderBurstAlertEmail({
    login,
    failures: shown,
    windowMinutes: settings.burstWindowMinutes,
    // The failures page focused on this login: its attempts with unlock, reset, block and ticket actions beside them.
    viewUrl: `${appUrl}/audit/failures?login=${encodeURIComponent(login)}`,
  });
  const html = brandedEmail({
    title: email.subject,
    bodyHtml: email.html,
    footer: "You receive this as a Switchboard provider admin. Alerts can be switched off under Audit → Settings.",
  });
  const cooldownCutoff = new Date(now.getTime() - settings.burstCooldownMinutes * 60_000);

  const emailIds = await db.$transaction(async (tx) => {
    const renewed = await tx.loginAlert.updateMany({
      where: { login, lastSentAt: { lte: cooldownCutoff } },
      data: { lastSentAt: now, failureCount: shown.length, alertCount: { increment: 1 } },
    });
    let claimed = renewed.count === 1;
    if (!claimed) {
      // Absent row: insert-if-absent. A concurrent check's insert makes this one a no-op.
      const created = await tx.loginAlert.createMany({
        data: [{ login, lastSentAt: now, failureCount: shown.length }],
        skipDuplicates: true,
      });
      claimed = created.count === 1;
    }
    if (!claimed) return null;
    const ids: string[] = [];
    for (const to of recipients) {
      ids.push(await enqueueEmail(tx, { to, subject: email.subject, text: email.text, html, category: "login-alert" }));
    }
    return ids;
  });
  if (!emailIds) return result(false, "claimed_elsewhere");
  logger.info("audit.burst_alert_sent", { login, failures: shown.length, recipients: recipients.length });
  await dispatchOutboxEmails(emailIds);
  return result(true, "threshold_reached", emailIds);
}

/**
 * The cron's sweep: checks every login with at least `threshold` failed
 * sign-ins in the window, so a burst is caught even when the per-failure
 * event was lost.
 */
export async function checkRecentLoginBursts(db: Db, options: Omit<BurstCheckOptions, "settings"> = {}): Promise<BurstCheckResult[]> {
  const now = options.now ?? new Date();
  const settings = await getAuditSettings(db);
  if (!settings.alertsEnabled) return [];
  const windowStart = new Date(now.getTime() - settings.burstWindowMinutes * 60_000);
  const groups = await db.loginEvent.groupBy({
    by: ["login"],
    where: { kind: "SIGN_IN", result: "FAILURE", occurredAt: { gte: windowStart } },
    _count: { _all: true },
    having: { login: { _count: { gte: settings.burstThreshold } } },
  });
  const results: BurstCheckResult[] = [];
  for (const group of groups) {
    try {
      results.push(await checkLoginBurst(db, group.login, { ...options, now, settings }));
    } catch (error) {
      // One login's failure must not stop the others' alerts.
      logger.error("audit.burst_check_failed", { login: group.login, error });
    }
  }
  return results;
}
