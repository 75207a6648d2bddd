/**
 * Hour-card settings (one row, id "default"): whether a consumption may take a
 * card below zero, the low-balance threshold, and which active card billable
 * time uses when the agent does not pick one.
 */
import type { HourCardSettingsInput } from "@/lib/validators/hour-cards";
import type { DbOrTx } from "@/server/db";

const SETTINGS_ID = "default";

export interface HourCardSettingsView {
  allowNegative: boolean;
  thresholdKind: "minutes" | "percent";
  thresholdValue: number;
  consumptionRule: "oldest_expiring_first" | "oldest_purchased_first";
  updatedAt: Date | null;
}

export const DEFAULT_HOUR_CARD_SETTINGS: HourCardSettingsView = {
  allowNegative: false,
  thresholdKind: "percent",
  thresholdValue: 20,
  consumptionRule: "oldest_expiring_first",
  updatedAt: null,
};

function view(row: Omit<HourCardSettingsView, "updatedAt"> & { updatedAt: Date }): HourCardSettingsView {
  return {
    allowNegative: row.allowNegative,
    thresholdKind: row.thresholdKind,
    thresholdValue: row.thresholdValue,
    consumptionRule: row.consumptionRule,
    updatedAt: row.updatedAt,
  };
}

/** The settings, or the defaults when nobody has saved any yet. */
export async function getHourCardSettings(db: DbOrTx): Promise<HourCardSettingsView> {
  const row = await db.hourCardSettings.findUnique({ where: { id: SETTINGS_ID } });
  return row ? view(row) : DEFAULT_HOUR_CARD_SETTINGS;
}

export async function updateHourCardSettings(db: DbOrTx, input: HourCardSettingsInput, updatedById: string): Promise<HourCardSettingsView> {
  const data = { ...input, updatedById };
  const row = await db.hourCardSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
  return view(row);
}

/** True when `balance` is at or below the threshold for a card that bought `purchasedMinutes`. */
export function isLowBalance(settings: Pick<HourCardSettingsView, "thresholdKind" | "thresholdValue">, balance: number, purchasedMinutes: number): boolean {
  if (settings.thresholdKind === "minutes") return balance <= settings.thresholdValue;
  if (purchasedMinutes <= 0) return false;
  return balance * 100 <= purchasedMinutes * settings.thresholdValue;
}
