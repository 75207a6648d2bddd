/**
 * Approval settings (one row, id "default"): how many days after sending the
 * single reminder goes out; 0 turns reminders off.
 */
import type { ApprovalSettingsInput } from "@/lib/validators/approvals";
import type { DbOrTx } from "@/server/db";

export const DEFAULT_REMINDER_DAYS = 3;
const SETTINGS_ID = "default";

export interface ApprovalSettingsView {
  reminderDays: number;
  updatedAt: Date | null;
}

/** The settings, or the defaults when nobody has saved any yet. */
export async function getApprovalSettings(db: DbOrTx): Promise<ApprovalSettingsView> {
  const row = await db.approvalSettings.findUnique({ where: { id: SETTINGS_ID } });
  return row ? { reminderDays: row.reminderDays, updatedAt: row.updatedAt } : { reminderDays: DEFAULT_REMINDER_DAYS, updatedAt: null };
}

export async function updateApprovalSettings(
  db: DbOrTx,
  input: ApprovalSettingsInput & { updatedById?: string | null },
): Promise<ApprovalSettingsView> {
  const row = await db.approvalSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, reminderDays: input.reminderDays, updatedById: input.updatedById ?? null },
    update: { reminderDays: input.reminderDays, updatedById: input.updatedById ?? null },
  });
  return { reminderDays: row.reminderDays, updatedAt: row.updatedAt };
}
