import { escapeHtml } from "@/server/mail/templates/layout";
export const DEFAULT_BURST_THRESHOLD = 5;
export const DEFAULT_BURST_WINDOW_MINUTES = 15;
export const DEFAULT_BURST_COOLDOWN_MINUTES = 60;
/** The alert lists at most this many attempts, newest first. */
export const MAX_ALERT_ROWS = 50;

const MINUTE_MS = 60_000;

export interface BurstCheckInput {
  /** Times of failed sign-ins for one login (any order; older ones are ignored). */
  failures: readonly Date[];
  now: Date;
  /** Failures within the window that trigger an alert. Default 5. */
  threshold?: number;
  /** Default 15. */
  windowMinutes?: number;
  /** When the last alert for this login was sent, if ever. */
  lastAlertAt?: Date | null;
  /** No second alert for the same login within this many minutes. Default 60. */
  cooldownMinutes?: number;
  /** The kill switch: false means never alert. */
  enabled: boolean;
}

export type BurstDecisionReason = "disabled" | "cooldown" | "below_threshold" | "threshold_reached";

export interface BurstDecision {
  alert: boolean;
  reason: BurstDecisionReason;
  /** Failures inside the window, whatever the decision. */
  recentCount: number;
}

function validTime(date: Date | null | undefined): number | null {
  const time = date?.getTime();
  return time === undefined || Number.isNaN(time) ? null : time;
}

/**
 * Decides whether a failed-login burst for one login deserves an alert now.
 * Alerts when at least `threshold` failures fall within the last
 * `windowMinutes`, unless alerts are switched off or one went out less than
 * `cooldownMinutes` ago. After a cooldown only failures newer than the last
 * alert count, so old evidence never triggers a second mail. Failures stamped
 * slightly after `now` (clock skew between app and database) count as recent.
 * The caller must record the alert time atomically so two concurrent
 * failures cannot both send. Pure.
 */
export function shouldAlert(input: BurstCheckInput): BurstDecision {
  const now = input.now.getTime();
  const threshold = Math.max(1, Math.floor(input.threshold ?? DEFAULT_BURST_THRESHOLD));
  const windowMs = Math.max(0, input.windowMinutes ?? DEFAULT_BURST_WINDOW_MINUTES) * MINUTE_MS;
  const cooldownMs = Math.max(0, input.cooldownMinutes ?? DEFAULT_BURST_COOLDOWN_MINUTES) * MINUTE_MS;
  const lastAlert = validTime(input.lastAlertAt);

  const recent = input.failures
    .map((failure) => validTime(failure))
    .filter((time): time is number => time !== null && time >= now - windowMs);
  const recentCount = recent.length;

  if (!input.enabled) return { alert: false, reason: "disabled", recentCount };
  if (lastAlert !== null && now - lastAlert < cooldownMs) return { alert: false, reason: "cooldown", recentCount };
  const fresh = lastAlert === null ? recentCount : recent.filter((time) => time > lastAlert).length;
  if (fresh >= threshold) return { alert: true, reason: "threshold_reached", recentCount };
  return { alert: false, reason: "below_threshold", recentCount };
}

/** One failed attempt as the alert shows it. Deliberately has no room for a password. */
export interface BurstFailure {
  at: Date;
  ip: string | null;
  country: string | null;
  /** Raw header or a parsed summary such as "Chrome 120 on Windows 10". */
  userAgent: string | null;
  /** Failure reason code (e.g. "bad_password") or label. */
  reason: string | null;
}

export interface BurstAlertEmailInput {
  login: string;
  failures: readonly BurstFailure[];
  /** Shown in the explanation line when given. */
  windowMinutes?: number;
  /** Link to the login events in the console; only http(s) URLs are used. */
  viewUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const REASON_LABELS: Record<string, string> = {
  bad_password: "Wrong password",
  unknown_user: "Unknown user",
  disabled_user: "Disabled user",
  magic_link_expired: "Expired sign-in link",
  magic_link_used: "Sign-in link already used",
  magic_link_invalid: "Invalid sign-in link",
  rate_limited: "Rate limited",
  blocked_address: "Blocked address",
  other: "Other",
};

function oneLine(value: string | null | undefined, max: number): string {
  // Header and log safety: no line breaks or other control characters from user-typed values.
  const clean = (value ?? "").replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function formatTime(date: Date): string {
  return Number.isNaN(date.getTime()) ? "unknown time" : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function reasonLabel(reason: string | null): string {
  if (!reason) return "—";
  return REASON_LABELS[reason] ?? oneLine(reason.replace(/_/g, " "), 60);
}

/**
 * The e-mail sent to provider admins about a failed-login burst: subject,
 * plain text and HTML with a table of the recent failures (newest first, at
 * most {@link MAX_ALERT_ROWS}). Every value is HTML-escaped and only the
 * named fields of each failure are read, so nothing else (a password above
 * all) can leak into the mail.
 */
export function renderBurstAlertEmail(input: BurstAlertEmailInput): RenderedEmail {
  const login = oneLine(input.login, 120) || "(empty login)";
  const sorted = [...input.failures].sort((a, b) => b.at.getTime() - a.at.getTime());
  const shown = sorted.slice(0, MAX_ALERT_ROWS);
  const hidden = sorted.length - shown.length;
  const count = input.failures.length;

  const subject = `[Switchboard] ${count} failed sign-in attempt${count === 1 ? "" : "s"} for ${login}`;
  const intro =
    `${count} failed sign-in attempt${count === 1 ? " was" : "s were"} recorded for the login "${login}"` +
    (input.windowMinutes ? ` within ${input.windowMinutes} minutes.` : ".");
  const advice = "If these were not expected, check the user's account and the addresses below.";
  const viewUrl = input.viewUrl && /^https?:\/\//i.test(input.viewUrl) ? input.viewUrl : null;

  const rows = shown.map((failure) => ({
    time: formatTime(failure.at),
    ip: oneLine(failure.ip, 45) || "—",
    country: oneLine(failure.country, 64) || "—",
    reason: reasonLabel(failure.reason),
    userAgent: oneLine(failure.userAgent, 120) || "—",
  }));

  const textLines = [
    intro,
    advice,
    "",
    ...rows.map((r) => `- ${r.time} | ${r.ip} | ${r.country} | ${r.reason} | ${r.userAgent}`),
    ...(hidden > 0 ? [`… and ${hidden} earlier attempt${hidden === 1 ? "" : "s"}.`] : []),
    ...(viewUrl ? ["", `Review these failures and act (unlock, reset password, block the address, open a ticket): ${viewUrl}`] : []),
  ];

  const cell = 'style="padding:4px 8px;border:1px solid #d4d4d8;text-align:left;vertical-align:top"';
  const header = ["Time", "IP address", "Country", "Reason", "Browser / client"]
    .map((h) => `<th ${cell}>${h}</th>`)
    .join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${[r.time, r.ip, r.country, r.reason, r.userAgent].map((v) => `<td ${cell}>${escapeHtml(v)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const html = [
    '<div style="font-family:system-ui,sans-serif;font-size:14px;color:#18181b">',
    `<p>${escapeHtml(intro)}</p>`,
    `<p>${escapeHtml(advice)}</p>`,
    `<table style="border-collapse:collapse"><thead><tr>${header}</tr></thead><tbody>\n${body}\n</tbody></table>`,
    hidden > 0 ? `<p>… and ${hidden} earlier attempt${hidden === 1 ? "" : "s"}.</p>` : "",
    viewUrl ? `<p><a href="${escapeHtml(viewUrl)}">Review these failures and act on them</a></p>` : "",
    "</div>",
  ]
    .filter(Boolean)
    .join("\n");

  return { subject, text: textLines.join("\n"), html };
}
