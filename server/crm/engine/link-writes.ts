/**
 * Writing the links of pushed records for a whole batch in one statement
 * (jsonb_to_recordset) instead of one statement per record: the largest
 * share of the engine's per-record cost on bulk pushes.
 */
import type { Db } from "@/server/db";
import { entityAdapter } from "../entities/entity-adapter";
import type { CanonicalValues } from "./field-values";
import { SQL_NOW } from "./sql";

export interface SyncedLinkWrite {
  linkId: string;
  entity: string;
  entityId: string;
  externalId: string;
  module: string;
  remoteUrl: string;
  remoteModifiedAt: Date | null;
  syncedAt: Date;
  baseValues: CanonicalValues;
  fieldStamps: unknown;
  /** Key under which the record remembers its remote id (Customer.externalIds); null when it already does. */
  externalIdKey: string | null;
}

export async function writeSyncedLinks(db: Db, writes: readonly SyncedLinkWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map((w) => ({
    id: w.linkId,
    ext: w.externalId,
    mod: w.module,
    url: w.remoteUrl,
    rmod: w.remoteModifiedAt?.toISOString() ?? null,
    synced: w.syncedAt.toISOString(),
    base: w.baseValues,
    stamps: w.fieldStamps,
  }));
  await db.$executeRaw`
    UPDATE "SyncLink" l SET
      "externalId" = v.ext, "module" = v.mod, "status" = 'SYNCED', "lastError" = NULL,
      "lastSyncedAt" = (v.synced::timestamptz AT TIME ZONE 'UTC'), "remoteUrl" = v.url,
      "remoteModifiedAt" = (v.rmod::timestamptz AT TIME ZONE 'UTC'),
      "baseValues" = v.base, "fieldStamps" = v.stamps, "remoteDeletedAt" = NULL, "updatedAt" = ${SQL_NOW}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS v(id text, ext text, mod text, url text, rmod text, synced text, base jsonb, stamps jsonb)
    WHERE l."id" = v.id`;
  const byEntity = new Map<string, SyncedLinkWrite[]>();
  for (const w of writes) if (w.externalIdKey) byEntity.set(w.entity, [...(byEntity.get(w.entity) ?? []), w]);
  for (const [entity, list] of byEntity) {
    const adapter = entityAdapter(entity);
    if (adapter?.rememberExternalIds) {
      await adapter.rememberExternalIds(db, list.map((w) => ({ id: w.entityId, key: w.externalIdKey!, externalId: w.externalId })));
    } else if (adapter?.rememberExternalId) {
      for (const w of list) await adapter.rememberExternalId(db, w.entityId, w.externalIdKey!, w.externalId);
    }
  }
}
