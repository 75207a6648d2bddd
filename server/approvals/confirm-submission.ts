/**
 * The owner's confirm POST, minus the framework: origin check, rate limits,
 * anti-forgery value, comment validation, then the single-use confirmation.
 * The page's server action passes request facts in and renders the outcome.
 *
 * Cross-site forgery: the form carries an HMAC bound to this link and
 * decision (a forged form from elsewhere would need the link's token, which
 * only the owner's e-mail holds), and a POST whose Origin is not this site is
 * refused. Rate limits count per client address and per link hash, on the
 * PostgreSQL buckets every instance shares.
 */
import { approvalCommentSchema } from "@/lib/validators/approvals";
import { sharedRateLimit, type SharedRateLimit } from "@/server/security/rate-limit";
import { hashToken } from "@/server/security/tokens";
import { db as defaultDb, type Db } from "@/server/db";
import type { ApprovalContext } from "./approval-context";
import { isWellFormedApprovalToken, parseApprovalDecision, verifyApprovalFormToken } from "./approval-links";
import { confirmApprovalDecision } from "./confirm-decision";

export interface ConfirmSubmission {
  token: string;
  decision: string;
  comment: string;
  formToken: string;
  /** The request's Origin header (or null when absent). */
  origin: string | null;
  /** The request's Host (or X-Forwarded-Host) header. */
  host: string | null;
  /** Client address for rate limiting. */
  ip: string;
}

export type ConfirmOutcome =
  | { status: "recorded"; state: "approved" | "rejected"; subject: string; ticketNumber: string; ownerName: string }
  | { status: "already_decided"; state: "approved" | "rejected" }
  | { status: "expired" }
  | { status: "invalid" }
  | { status: "error"; message: string; comment: string };

export interface ConfirmLimits {
  perAddress: SharedRateLimit;
  perLink: SharedRateLimit;
}

/** 10 confirmations per address per 10 minutes; 5 attempts per link per 10 minutes. */
export const confirmLimits: ConfirmLimits = {
  perAddress: sharedRateLimit("approval-confirm:ip:", { limit: 10, windowMs: 10 * 60_000 }),
  perLink: sharedRateLimit("approval-confirm:link:", { limit: 5, windowMs: 10 * 60_000 }),
};

export const RATE_LIMIT_MESSAGE = "Too many attempts from your connection. Please wait a few minutes and try again.";
export const FORGERY_MESSAGE = "This form could not be verified. Please open the link from your e-mail again and confirm from that page.";

/**
 * True when the POST comes from this site: its Origin's host is the request's
 * host or the configured APP_URL's host. A missing Origin is refused (every
 * browser sends one on a form POST).
 */
export function isSameOrigin(origin: string | null, host: string | null, appUrl: string): boolean {
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const allowed = new Set<string>();
  if (host) allowed.add(host.split(",")[0]!.trim().toLowerCase());
  try {
    allowed.add(new URL(appUrl).host.toLowerCase());
  } catch {
    // A bad APP_URL only narrows what is allowed.
  }
  return allowed.has(originHost);
}

/** Handles one confirm POST; never throws for anything the visitor sent. */
export async function handleConfirmSubmission(
  input: ConfirmSubmission,
  ctx: ApprovalContext,
  db: Db = defaultDb,
  limits: ConfirmLimits = confirmLimits,
): Promise<ConfirmOutcome> {
  const decision = parseApprovalDecision(input.decision);
  if (!decision || !isWellFormedApprovalToken(input.token)) return { status: "invalid" };
  const tokenHash = hashToken(input.token);

  if (!(await limits.perAddress.take(db, input.ip)).allowed || !(await limits.perLink.take(db, tokenHash)).allowed) {
    return { status: "error", message: RATE_LIMIT_MESSAGE, comment: input.comment };
  }
  if (!isSameOrigin(input.origin, input.host, ctx.appUrl) || !verifyApprovalFormToken(ctx.keys, tokenHash, decision, input.formToken)) {
    return { status: "error", message: FORGERY_MESSAGE, comment: input.comment };
  }
  const comment = approvalCommentSchema.safeParse(input.comment);
  if (!comment.success) return { status: "error", message: comment.error.issues[0]?.message ?? "Check your comment", comment: input.comment };

  const result = await confirmApprovalDecision({ token: input.token, decision, comment: comment.data }, ctx, db);
  if (result.status !== "recorded") return result;
  return { status: "recorded", state: result.state, subject: result.subject, ticketNumber: result.ticketNumber, ownerName: result.ownerName };
}
