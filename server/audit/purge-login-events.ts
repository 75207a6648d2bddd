import type { DbOrTx } from "@/server/db";
import { getAuditSettings } from "./audit-settings";

const DAY_MS = 86_400_000;

export interface PurgeResult {
  retentionDays: number;
  /** Rows older than this were deleted; null when retention is "forever". */
  cutoff: Date | null;
  deleted: number;
}

/**
 * Retention: deletes login-audit rows older than `retentionDays` (the saved
 * setting unless given); 0 keeps everything. The only path that deletes audit
 * rows. Cooldown records older than the cutoff go too: they can no longer
 * suppress anything.
 */
export async function purgeExpiredLoginEvents(db: DbOrTx, options: { now?: Date; retentionDays?: number } = {}): Promise<PurgeResult> {
  const retentionDays = options.retentionDays ?? (await getAuditSettings(db)).retentionDays;
  if (retentionDays <= 0) return { retentionDays, cutoff: null, deleted: 0 };
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * DAY_MS);
  const { count } = await db.loginEvent.deleteMany({ where: { occurredAt: { lt: cutoff } } });
  await db.loginAlert.deleteMany({ where: { lastSentAt: { lt: cutoff } } });
  return { retentionDays, cutoff, deleted: count };
}
