import { appEnv } from "@/server/config-readers";
import { generateToken, hashToken } from "@/server/security/tokens";
import type { DbOrTx } from "@/server/db";

const DAY_MS = 86_400_000;

export interface IssuedAccessToken {
  id: string;
  /** The raw token: goes into the e-mail only, never stored or logged. */
  token: string;
  /** Absolute follow-up URL, `<APP_URL>/t/<token>`. */
  url: string;
  expiresAt: Date;
}

/**
 * Issues a follow-up link for one recipient of one ticket. Each e-mail gets
 * fresh links (the raw token cannot be recovered from its hash to resend), so
 * a recipient may hold several valid links until they expire or are revoked.
 */
export async function issueTicketAccessToken(
  tx: DbOrTx,
  input: { ticketId: string; recipientEmail: string; recipientName?: string | null; now?: Date; ttlDays?: number },
): Promise<IssuedAccessToken> {
  const config = appEnv.helpdesk();
  const now = input.now ?? new Date();
  const token = generateToken(32);
  const expiresAt = new Date(now.getTime() + (input.ttlDays ?? config.linkTtlDays) * DAY_MS);
  const row = await tx.ticketAccessToken.create({
    data: {
      ticketId: input.ticketId,
      tokenHash: hashToken(token),
      recipientEmail: input.recipientEmail.trim().toLowerCase(),
      recipientName: input.recipientName ?? null,
      expiresAt,
      createdAt: now,
    },
    select: { id: true },
  });
  return { id: row.id, token, url: `${config.appUrl}/t/${token}`, expiresAt };
}

export type AccessTokenProblem = "unknown" | "expired" | "revoked";

export interface ValidAccessToken {
  id: string;
  ticketId: string;
  organisationId: string;
  recipientEmail: string;
  recipientName: string | null;
  expiresAt: Date;
}

// Raw tokens are 43 base64url characters; anything else cannot be one of ours
// and is refused without touching the database.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * Looks a link up by the hash of its token. Callers show the same friendly page
 * for every problem; the reason is for logs and tests only.
 */
export async function resolveTicketAccessToken(
  db: DbOrTx,
  token: string,
  now: Date = new Date(),
): Promise<{ ok: true; link: ValidAccessToken } | { ok: false; problem: AccessTokenProblem }> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, problem: "unknown" };
  const row = await db.ticketAccessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      ticketId: true,
      recipientEmail: true,
      recipientName: true,
      expiresAt: true,
      revokedAt: true,
      ticket: { select: { organisationId: true } },
    },
  });
  if (!row) return { ok: false, problem: "unknown" };
  if (row.revokedAt) return { ok: false, problem: "revoked" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, problem: "expired" };
  return {
    ok: true,
    link: {
      id: row.id,
      ticketId: row.ticketId,
      organisationId: row.ticket.organisationId,
      recipientEmail: row.recipientEmail,
      recipientName: row.recipientName,
      expiresAt: row.expiresAt,
    },
  };
}

/** Marks a link as used now (for the console's list of links). */
export async function touchTicketAccessToken(db: DbOrTx, id: string, now: Date = new Date()): Promise<void> {
  await db.ticketAccessToken.update({ where: { id }, data: { lastUsedAt: now } });
}

/**
 * Revokes links of a ticket: one by id, or every link of one recipient, or all.
 * Returns how many were revoked. The ticket id is always part of the filter.
 */
export async function revokeTicketAccessTokens(
  db: DbOrTx,
  input: { ticketId: string; tokenId?: string; recipientEmail?: string; now?: Date },
): Promise<number> {
  const result = await db.ticketAccessToken.updateMany({
    where: {
      ticketId: input.ticketId,
      revokedAt: null,
      ...(input.tokenId ? { id: input.tokenId } : {}),
      ...(input.recipientEmail ? { recipientEmail: input.recipientEmail.trim().toLowerCase() } : {}),
    },
    data: { revokedAt: input.now ?? new Date() },
  });
  return result.count;
}
