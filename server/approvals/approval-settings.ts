/**
 * Approval settings (one row, id "default"): how many days after sending the
 * single reminder goes out (0 turns reminders off), and how many days the
 * links keep working.
 */
import type { ApprovalSettingsInput } from "@/lib/validators/approvals";
import type { DbOrTx } from "@/server/db";

export const DEFAULT_REMINDER_DAYS = 3;
export const DEFAULT_LINK_EXPIRY_DAYS = 30;
const SETTINGS_ID = "default";

export interface ApprovalSettingsView {
  reminderDays: number;
  linkExpiryDays: number;
  updatedAt: Date | null;
}

/** The settings, or the defaults when nobody has saved any yet. */
export async function getApprovalSettings(db: DbOrTx): Promise<ApprovalSettingsView> {
  const row = await db.approvalSettings.findUnique({ where: { id: SETTINGS_ID } });
  return row
    ? { reminderDays: row.reminderDays, linkExpiryDays: row.linkExpiryDays, updatedAt: row.updatedAt }
    : { reminderDays: DEFAULT_REMINDER_DAYS, linkExpiryDays: DEFAULT_LINK_EXPIRY_DAYS, updatedAt: null };
}

/** When links sent at `sentAt` stop working. */
export function approvalLinksExpireAt(sentAt: Date, linkExpiryDays: number): Date {
  return new Date(sentAt.getTime() + linkExpiryDays * 86_400_000);
}

export async function updateApprovalSettings(
  db: DbOrTx,
  input: ApprovalSettingsInput & { updatedById?: string | null },
): Promise<ApprovalSettingsView> {
  const data = {
    reminderDays: input.reminderDays,
    ...(input.linkExpiryDays === undefined ? {} : { linkExpiryDays: input.linkExpiryDays }),
    updatedById: input.updatedById ?? null,
  };
  const row = await db.approvalSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
  return { reminderDays: row.reminderDays, linkExpiryDays: row.linkExpiryDays, updatedAt: row.updatedAt };
}
