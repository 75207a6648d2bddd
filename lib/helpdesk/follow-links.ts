/** One issued follow-up link as the ticket page receives it. */
export interface FollowLink {
  id: string;
  recipientEmail: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expired: boolean;
}

/** A recipient's links folded into one row: every reply e-mail issues a new link, the agent cares about the person. */
export interface RecipientLinks {
  recipientEmail: string;
  /** Links issued to them (one per e-mail). */
  sent: number;
  /** Links that still open the ticket. */
  live: number;
  lastSentAt: Date;
  lastUsedAt: Date | null;
}

/** Groups links by recipient, newest e-mail first. */
export function linksByRecipient(links: readonly FollowLink[]): RecipientLinks[] {
  const rows = new Map<string, RecipientLinks>();
  for (const l of links) {
    const row = rows.get(l.recipientEmail) ?? { recipientEmail: l.recipientEmail, sent: 0, live: 0, lastSentAt: l.createdAt, lastUsedAt: null };
    row.sent += 1;
    if (!l.revokedAt && !l.expired) row.live += 1;
    if (l.createdAt > row.lastSentAt) row.lastSentAt = l.createdAt;
    if (l.lastUsedAt && (!row.lastUsedAt || l.lastUsedAt > row.lastUsedAt)) row.lastUsedAt = l.lastUsedAt;
    rows.set(l.recipientEmail, row);
  }
  return [...rows.values()].sort((a, b) => b.lastSentAt.getTime() - a.lastSentAt.getTime());
}
