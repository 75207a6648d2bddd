/**
 * CREATE / UPDATE: brings the remote record in line with the local record's
 * latest state. A record without a remote id is created (the connector looks
 * our id up first unless this is the very first attempt, so a retry after a
 * lost answer adopts the record instead of making a second one). A linked
 * record is reconciled three-way against what the CRM holds now: only fields
 * changed here are written, fields changed there come back here, and true
 * conflicts follow each field's owner rule.
 */
import { ConnectorError, type RemoteRecord } from "../../connector";
import { entityAdapter } from "../../entities/entity-adapter";
import { enqueueRecordChange } from "../enqueue";
import { reconcileRecord } from "../field-ownership";
import { canonicalValue, canonicalValues, type CanonicalValues } from "../field-values";
import { parseBase, parseStamps, stampAll, stampsJson } from "../link-state";
import { rulesByPath, typesByPath, type EffectiveMapping } from "../mappings";
import { recordConflicts } from "../record-conflicts";
import type { HandlerContext, HandlerResult } from "./handler-context";

/** Remote values of a record by local path, canonical. */
export function remoteValuesByPath(remote: RemoteRecord, mappings: readonly EffectiveMapping[]): CanonicalValues {
  const out: CanonicalValues = {};
  for (const m of mappings) out[m.localPath] = canonicalValue(remote.data[m.remoteField], m.fieldType);
  return out;
}

/** Local values by local path keyed by remote field, ready to send. */
export function toRemoteData(values: CanonicalValues, mappings: readonly EffectiveMapping[], skipEmpty: boolean): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const m of mappings) {
    if (!(m.localPath in values)) continue;
    const v = values[m.localPath] ?? null;
    if (skipEmpty && v === null) continue;
    out[m.remoteField] = v;
  }
  return out;
}

export function keyOf(provider: string, connectionId: string): string {
  return `${provider}:${connectionId}`;
}

async function readRemote(ctx: HandlerContext, module: string, externalId: string): Promise<RemoteRecord | null> {
  if (ctx.prefetched.has(externalId)) return ctx.prefetched.get(externalId) ?? null;
  if (ctx.prefetchError) throw ctx.prefetchError;
  const [found] = await ctx.connector.fetchRecords(module, [externalId]);
  return found ?? null;
}

export async function pushRecordHandler(ctx: HandlerContext): Promise<HandlerResult> {
  const { db, item, connection } = ctx;
  const adapter = entityAdapter(item.entity);
  if (!adapter) throw new ConnectorError("config", `Records of kind ${item.entity} are not synced field by field`);
  if (!ctx.local) return { message: "The local record no longer exists; nothing to push" };
  const mappings = ctx.mappingsFor(item.entity);
  if (mappings.length === 0) throw new ConnectorError("config", `No enabled field mappings for ${item.entity} on this connection`);
  const remoteModule = mappings[0]!.module;
  const local = canonicalValues(ctx.local.values, typesByPath(mappings));
  const now = ctx.now();
  const link =
    ctx.link ??
    (await db.syncLink.upsert({
      where: { connectionId_entity_entityId: { connectionId: connection.id, entity: item.entity, entityId: item.entityId } },
      create: { connectionId: connection.id, entity: item.entity, entityId: item.entityId, module: remoteModule, localChangedAt: item.createdAt },
      update: {},
    }));
  const localChangedAt = link.localChangedAt ?? item.createdAt;

  if (!link.externalId) {
    const result = await ctx.connector.pushRecord({
      module: remoteModule,
      localId: item.entityId,
      data: toRemoteData(local, mappings, true),
      idempotencyKey: item.idempotencyKey,
      skipLookup: ctx.firstTouch,
    });
    const dropped = result.droppedFields.length ? ` (not enabled: ${result.droppedFields.join(", ")})` : "";
    const message = (result.adopted ? "Adopted the record an earlier attempt created" : "Created") + dropped;
    const fieldStamps = stampsJson(stampAll(local, "local", localChangedAt));
    if (ctx.deferLinkWrite) {
      ctx.deferLinkWrite({
        linkId: link.id,
        entity: item.entity,
        entityId: item.entityId,
        externalId: result.externalId,
        module: remoteModule,
        remoteUrl: result.url,
        remoteModifiedAt: result.remoteModifiedAt,
        syncedAt: now,
        baseValues: local,
        fieldStamps,
        externalIdKey: keyOf(connection.provider, connection.id),
      });
      return { message };
    }
    // Two plain statements, no transaction: the link is what counts; externalIds is a convenience copy.
    await db.syncLink.update({
      where: { id: link.id },
      data: {
        externalId: result.externalId,
        module: remoteModule,
        status: "SYNCED",
        lastError: null,
        lastSyncedAt: now,
        remoteUrl: result.url,
        remoteModifiedAt: result.remoteModifiedAt,
        baseValues: local,
        fieldStamps,
        remoteDeletedAt: null,
      },
    });
    await adapter.rememberExternalId?.(db, item.entityId, keyOf(connection.provider, connection.id), result.externalId);
    return { message };
  }

  const remote = await readRemote(ctx, remoteModule, link.externalId);
  if (!remote) {
    // Deleted in the CRM: record it and leave it deleted rather than bring it back.
    await db.syncLink.update({
      where: { id: link.id },
      data: { status: "REMOTE_DELETED", remoteDeletedAt: now, lastError: "Deleted in the CRM" },
    });
    return { message: "The CRM record was deleted there; not recreated" };
  }
  const remoteValues = remoteValuesByPath(remote, mappings);
  const rec = reconcileRecord({
    base: parseBase(link.baseValues),
    local,
    remote: remoteValues,
    localChangedAt,
    remoteChangedAt: remote.remoteModifiedAt ?? new Date(0),
    rules: rulesByPath(mappings),
    fieldStamps: parseStamps(link.fieldStamps),
    fields: mappings.map((m) => m.localPath),
  });

  let remoteModifiedAt = remote.remoteModifiedAt;
  const toPush = toRemoteData(rec.toPushFields as CanonicalValues, mappings, false);
  if (Object.keys(toPush).length) {
    const result = await ctx.connector.pushRecord({
      module: remoteModule,
      localId: item.entityId,
      externalId: link.externalId,
      data: toPush,
      idempotencyKey: item.idempotencyKey,
    });
    remoteModifiedAt = result.remoteModifiedAt ?? remoteModifiedAt;
  }
  const applied = rec.toApplyLocally as CanonicalValues;
  const linkData = {
    status: "SYNCED" as const,
    lastError: null,
    lastSyncedAt: now,
    remoteUrl: remote.url,
    remoteModifiedAt,
    baseValues: rec.nextBase as CanonicalValues,
    fieldStamps: stampsJson(rec.newFieldStamps),
  };
  if (Object.keys(applied).length === 0 && rec.conflicts.length === 0 && !ctx.linksWithOpenConflicts.has(link.id)) {
    // The common case (only local changes): no transaction, and when possible one statement for the batch.
    if (ctx.deferLinkWrite) {
      ctx.deferLinkWrite({
        linkId: link.id,
        entity: item.entity,
        entityId: item.entityId,
        externalId: link.externalId,
        module: remoteModule,
        remoteUrl: remote.url,
        remoteModifiedAt,
        syncedAt: now,
        baseValues: linkData.baseValues,
        fieldStamps: linkData.fieldStamps,
        externalIdKey: null,
      });
    } else {
      await db.syncLink.update({ where: { id: link.id }, data: linkData });
    }
  } else {
    await db.$transaction(async (tx) => {
      if (Object.keys(applied).length) {
        await adapter.apply(tx, item.entityId, applied);
        // Other CRMs hear about the change; this one already has it.
        await enqueueRecordChange(
          tx,
          { entity: item.entity, entityId: item.entityId, operation: "UPDATE", exceptConnectionId: connection.id },
          { correlationId: item.correlationId },
        );
      }
      await recordConflicts(tx, link, rec.conflicts, mappings, { local, remote: remoteValues });
      await tx.syncLink.update({ where: { id: link.id }, data: linkData });
    });
  }
  const parts = [
    Object.keys(toPush).length ? `pushed ${Object.keys(toPush).join(", ")}` : null,
    Object.keys(applied).length ? `took ${Object.keys(applied).join(", ")} from the CRM` : null,
    rec.conflicts.length ? `${rec.conflicts.length} conflict(s) need a person` : null,
  ].filter(Boolean);
  return { message: parts.length ? parts.join("; ") : "No changes" };
}
