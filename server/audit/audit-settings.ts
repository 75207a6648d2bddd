import type { AuditSettingsValues } from "@/lib/validators/audit";
import type { DbOrTx } from "@/server/db";
import { DEFAULT_BURST_COOLDOWN_MINUTES, DEFAULT_BURST_THRESHOLD, DEFAULT_BURST_WINDOW_MINUTES } from "./burst-detector";

/** The settings singleton's primary key. */
export const AUDIT_SETTINGS_ID = 1;

/** What applies until an admin saves the settings page (mirrors the column defaults). */
export const AUDIT_SETTINGS_DEFAULTS: AuditSettingsValues = {
  retentionDays: 365,
  burstThreshold: DEFAULT_BURST_THRESHOLD,
  burstWindowMinutes: DEFAULT_BURST_WINDOW_MINUTES,
  burstCooldownMinutes: DEFAULT_BURST_COOLDOWN_MINUTES,
  alertsEnabled: true,
  geoEndpoint: null,
  rateLimitPerLogin: 10,
  rateLimitPerIp: 30,
  rateLimitWindowMinutes: 15,
};

export interface AuditSettings extends AuditSettingsValues {
  updatedAt: Date | null;
  updatedById: string | null;
}

/** The audit settings, or the defaults when none were saved. Reads only; never creates the row. */
export async function getAuditSettings(db: DbOrTx): Promise<AuditSettings> {
  const row = await db.auditSettings.findUnique({ where: { id: AUDIT_SETTINGS_ID } });
  if (!row) return { ...AUDIT_SETTINGS_DEFAULTS, updatedAt: null, updatedById: null };
  const { id: _id, ...values } = row;
  return values;
}

/** Saves the settings (validated by `auditSettingsSchema`), recording who changed them. */
export async function updateAuditSettings(db: DbOrTx, values: AuditSettingsValues, updatedById: string): Promise<AuditSettings> {
  const row = await db.auditSettings.upsert({
    where: { id: AUDIT_SETTINGS_ID },
    create: { id: AUDIT_SETTINGS_ID, ...values, updatedById },
    update: { ...values, updatedById },
  });
  const { id: _id, ...saved } = row;
  return saved;
}
