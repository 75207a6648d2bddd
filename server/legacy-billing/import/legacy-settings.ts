/**
 * Where the legacy billing database is (its URL sealed at rest with the CRM
 * encryption key; only host:port/database ever leaves the server) and the
 * reconciliation tolerance.
 */
import Decimal from "decimal.js";
import { appEnv } from "@/server/config-readers";
import type { DbOrTx } from "@/server/db";
import { open, seal } from "@/server/security/sealed-box";
import { assertLegacyUrl, describeLegacyUrl, LegacySourceError } from "../source/legacy-source-error";
import { openLegacySource, type LegacySource } from "../source/open-legacy-source";

const PURPOSE = "legacy-billing-source";
export const DEFAULT_TOLERANCE = "0.01";

export interface LegacySettingsView {
  configured: boolean;
  /** host:port/database of the saved URL. */
  where: string | null;
  tolerance: string;
}

export async function getLegacySettings(db: DbOrTx): Promise<LegacySettingsView> {
  const row = await db.legacyBillingSettings.findUnique({ where: { id: "default" } });
  return {
    configured: Boolean(row?.sourceUrlSealed),
    where: row?.sourceWhere ?? null,
    tolerance: new Decimal(row?.tolerance.toString() ?? DEFAULT_TOLERANCE).toFixed(2),
  };
}

/** Saves the URL (sealed) and/or the tolerance; the URL's shape is checked first. */
export async function saveLegacySettings(db: DbOrTx, input: { url?: string; tolerance?: string }, userId: string | null): Promise<LegacySettingsView> {
  const data: { sourceUrlSealed?: string; sourceWhere?: string; tolerance?: string; updatedById: string | null } = { updatedById: userId };
  if (input.url !== undefined) {
    assertLegacyUrl(input.url);
    data.sourceUrlSealed = seal(input.url, PURPOSE, appEnv.crmEncryptionKey());
    data.sourceWhere = describeLegacyUrl(input.url);
  }
  if (input.tolerance !== undefined) data.tolerance = input.tolerance;
  await db.legacyBillingSettings.upsert({ where: { id: "default" }, create: { id: "default", ...data }, update: data });
  return getLegacySettings(db);
}

/** The saved URL, opened; throws a LegacySourceError when none is saved. */
export async function readLegacyUrl(db: DbOrTx): Promise<string> {
  const row = await db.legacyBillingSettings.findUnique({ where: { id: "default" } });
  if (!row?.sourceUrlSealed) throw new LegacySourceError("invalid_url", "No legacy database is configured: save its URL first");
  return open(row.sourceUrlSealed, PURPOSE, appEnv.crmEncryptionKey());
}

/** Opens the configured legacy database read-only. */
export async function openConfiguredLegacySource(db: DbOrTx): Promise<LegacySource> {
  return openLegacySource(await readLegacyUrl(db));
}

export async function getTolerance(db: DbOrTx): Promise<Decimal> {
  return new Decimal((await getLegacySettings(db)).tolerance);
}
