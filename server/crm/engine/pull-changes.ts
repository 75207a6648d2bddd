/**
 * Pulls: remote changes since the stored cursor, page by page (the cursor is
 * saved after each page, so an interrupted pull resumes where it stopped).
 * Each changed remote record is reconciled three-way with the local record:
 * unknown records become local customers, changes made only there are
 * applied here, changes made only here are queued for a push, and fields
 * changed on both sides follow their owner rule (manual ones become
 * conflicts for a person). Records seen again unchanged (the connector's
 * cursor overlaps by a second) cause no writes. Remote deletions are recorded
 * on the link; the local record stays.
 */
import type { Db } from "@/server/db";
import type { CrmConnection, SyncLink } from "@/server/generated/prisma/client";
import { logger } from "@/server/logger";
import type { CrmConnector, RemoteRecord } from "../connector";
import { getConnectorProvider } from "../connector-registry";
import { connectorFor, moduleConfigsOf } from "../connection-runtime";
import { entityAdapter, type SyncEntityAdapter } from "../entities/entity-adapter";
import { flushCallLog, logCallLogFailure, withCallContext } from "./call-log";
import { enqueueRecordChange, insertQueueItem } from "./enqueue";
import { reconcileRecord, type FieldStamps } from "./field-ownership";
import { canonicalValues, type CanonicalValues } from "./field-values";
import { parseBase, parseStamps, stampAll, stampsJson } from "./link-state";
import { markMissingRemoteRecords } from "./reconcile-deletions";
import { effectiveMappings, rulesByPath, typesByPath, type EffectiveMapping } from "./mappings";
import { recordConflicts } from "./record-conflicts";
import { keyOf, remoteValuesByPath } from "./handlers/push-record";

/** Entities pulled from a CRM whose provider does not say otherwise. */
const DEFAULT_PULLED_ENTITIES = ["customer"] as const;

export interface PullOptions {
  runId?: string;
  trigger?: "manual" | "schedule" | "event";
  connector?: CrmConnector;
  now?: () => Date;
  /** Stop after this many pages per module (the next pull continues from the cursor). */
  maxPages?: number;
}

export interface PullCounts {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  deleted: number;
  pages: number;
}

export interface PullResult extends PullCounts {
  runId: string;
  /** Connections with pushes queued by this pull (wake them after). */
  wake: string[];
  skipped: boolean;
}

type Outcome = "created" | "updated" | "unchanged" | "conflict";

interface ApplyContext {
  db: Db;
  connection: CrmConnection;
  adapter: SyncEntityAdapter;
  entity: string;
  mappings: EffectiveMapping[];
  now: Date;
  wake: Set<string>;
}

/** Links an existing local record to this remote record and queues the push that brings the two in line. */
async function linkLocalRecord(ctx: ApplyContext, remote: RemoteRecord, localId: string, base: CanonicalValues, stamps: FieldStamps): Promise<void> {
  const { connection, adapter, entity, now } = ctx;
  const state = {
    externalId: remote.externalId,
    lastSyncedAt: now,
    remoteUrl: remote.url,
    remoteModifiedAt: remote.remoteModifiedAt,
    baseValues: base,
    fieldStamps: stampsJson(stamps),
  };
  await ctx.db.$transaction(async (tx) => {
    await tx.syncLink.upsert({
      where: { connectionId_entity_entityId: { connectionId: connection.id, entity, entityId: localId } },
      create: { connectionId: connection.id, entity, entityId: localId, module: ctx.mappings[0]!.module, status: "SYNCED", ...state },
      update: state,
    });
    await adapter.rememberExternalId?.(tx, localId, keyOf(connection.provider, connection.id), remote.externalId);
    // Whatever differs locally is pushed by the (possibly waiting) push of this record.
    await insertQueueItem(tx, { connectionId: connection.id, entity, entityId: localId, operation: "UPDATE", payload: {} });
  });
  ctx.wake.add(connection.id);
}

async function applyRemoteRecord(ctx: ApplyContext, remote: RemoteRecord, link: SyncLink | null): Promise<Outcome> {
  const { db, connection, adapter, entity, mappings, now } = ctx;
  const remoteValues = remoteValuesByPath(remote, mappings);
  const remoteAt = remote.remoteModifiedAt ?? now;
  const remoteModule = mappings[0]!.module;

  if (!link && remote.localId) {
    // Carries our id: made by us, but the answer (and so the link) was lost. Link it up.
    const local = (await adapter.load(db, [remote.localId])).get(remote.localId);
    if (local) {
      const existing = await db.syncLink.findUnique({
        where: { connectionId_entity_entityId: { connectionId: connection.id, entity, entityId: local.id } },
      });
      if (!existing?.externalId) {
        await linkLocalRecord(ctx, remote, local.id, remoteValues, stampAll(remoteValues, "remote", remoteAt));
        return "updated";
      }
      link = existing;
    }
  }

  // Ambiguity is noted on the new record's link, where the sync state shows it.
  let createNote: string | null = null;
  if (!link) {
    const match = (await adapter.findExisting?.(db, remoteValues, connection.id)) ?? { id: null, note: null };
    if (match.id !== null) {
      // The same record reached us another way (another CRM, billing, the console). With no agreed
      // base, the queued push settles each field by its owner rule and fills what either side lacks.
      await linkLocalRecord(ctx, remote, match.id, {}, {});
      return "updated";
    }
    createNote = match.note;
  }

  if (!link) {
    await db.$transaction(async (tx) => {
      const id = await adapter.createFromRemote(tx, remoteValues);
      await tx.syncLink.create({
        data: {
          connectionId: connection.id,
          entity,
          entityId: id,
          module: remoteModule,
          externalId: remote.externalId,
          status: "SYNCED",
          lastSyncedAt: now,
          remoteUrl: remote.url,
          remoteModifiedAt: remote.remoteModifiedAt,
          baseValues: remoteValues,
          fieldStamps: stampsJson(stampAll(remoteValues, "remote", remoteAt)),
          lastError: createNote,
        },
      });
      await adapter.rememberExternalId?.(tx, id, keyOf(connection.provider, connection.id), remote.externalId);
      const items = await enqueueRecordChange(tx, { entity, entityId: id, operation: "CREATE", exceptConnectionId: connection.id });
      for (const i of items) ctx.wake.add(i.connectionId);
    });
    return "created";
  }

  const local = (await adapter.load(db, [link.entityId])).get(link.entityId);
  if (!local) return "unchanged";
  const localValues = canonicalValues(local.values, typesByPath(mappings));
  const oldBase = parseBase(link.baseValues);
  const oldStamps = parseStamps(link.fieldStamps);
  const rec = reconcileRecord({
    base: oldBase,
    local: localValues,
    remote: remoteValues,
    localChangedAt: link.localChangedAt ?? link.lastSyncedAt ?? new Date(0),
    remoteChangedAt: remoteAt,
    rules: rulesByPath(mappings),
    fieldStamps: oldStamps,
    fields: mappings.map((m) => m.localPath),
  });
  const restored = link.status === "REMOTE_DELETED";
  if (Object.values(rec.decisions).every((d) => d === "unchanged") && !restored) return "unchanged";

  const applied = rec.toApplyLocally as CanonicalValues;
  const pushing = Object.keys(rec.toPushFields);
  // Fields the push will write keep their old base, so the push decides them the same way.
  const nextBase: CanonicalValues = { ...(rec.nextBase as CanonicalValues) };
  const nextStamps = { ...rec.newFieldStamps };
  for (const f of pushing) {
    if (oldBase && f in oldBase) nextBase[f] = oldBase[f] ?? null;
    else delete nextBase[f];
    if (oldStamps[f]) nextStamps[f] = oldStamps[f];
    else delete nextStamps[f];
  }
  const linkId = link.id;
  const currentLink = link;
  await db.$transaction(async (tx) => {
    if (Object.keys(applied).length) {
      await adapter.apply(tx, currentLink.entityId, applied);
      const items = await enqueueRecordChange(
        tx,
        { entity, entityId: currentLink.entityId, operation: "UPDATE", exceptConnectionId: connection.id },
      );
      for (const i of items) ctx.wake.add(i.connectionId);
    }
    await recordConflicts(tx, currentLink, rec.conflicts, mappings, { local: localValues, remote: remoteValues });
    if (pushing.length) {
      await insertQueueItem(tx, { connectionId: connection.id, entity, entityId: currentLink.entityId, operation: "UPDATE", payload: {} });
      ctx.wake.add(connection.id);
    }
    await tx.syncLink.update({
      where: { id: linkId },
      data: {
        status: pushing.length ? "PENDING" : "SYNCED",
        lastError: null,
        lastSyncedAt: now,
        remoteUrl: remote.url,
        remoteModifiedAt: remote.remoteModifiedAt,
        remoteDeletedAt: null,
        baseValues: nextBase,
        fieldStamps: stampsJson(nextStamps),
      },
    });
  });
  return rec.conflicts.length ? "conflict" : "updated";
}

/** Pulls every pulled entity of a connection from its cursors; see the module comment. */
export async function pullConnection(db: Db, connectionId: string, opts: PullOptions = {}): Promise<PullResult> {
  const now = opts.now ?? (() => new Date());
  const counts: PullCounts = { created: 0, updated: 0, unchanged: 0, conflicts: 0, deleted: 0, pages: 0 };
  const wake = new Set<string>();
  const connection = await db.crmConnection.findUnique({ where: { id: connectionId } });
  const runId =
    opts.runId ??
    (await db.syncRun.create({ data: { connectionId, kind: "PULL", trigger: opts.trigger ?? "schedule" } })).id;
  if (!connection || !connection.enabled || connection.deletedAt) {
    await db.syncRun.update({
      where: { id: runId },
      data: { status: "SUCCEEDED", finishedAt: now(), message: "The connection is disabled; nothing was pulled" },
    });
    return { ...counts, runId, wake: [], skipped: true };
  }
  const connector = opts.connector ?? connectorFor(connection);
  const modules = moduleConfigsOf(connection);
  const custom = await db.crmFieldMapping.findMany({ where: { connectionId } });
  const provider = getConnectorProvider(connection.provider);
  // What the CRM's admin should fix though the pull worked around it; shown as the connection's pull warning.
  let notice: string | undefined;
  try {
    for (const entity of provider.pulledEntities ?? DEFAULT_PULLED_ENTITIES) {
      const remoteModule = provider.entityModules[entity];
      const adapter = entityAdapter(entity);
      const mappings = effectiveMappings(connection.provider, modules, custom, entity);
      if (!remoteModule || !modules[remoteModule] || !adapter || mappings.length === 0) continue;
      const cursorRow = await db.syncCursor.findUnique({ where: { connectionId_module: { connectionId, module: remoteModule } } });
      let cursor = cursorRow?.cursor ?? null;
      let readByQuery = false;
      for (let page = 0; page < (opts.maxPages ?? 1000); page++) {
        const result = await withCallContext({ correlationId: runId }, () => connector.pullChanges({ module: remoteModule, cursor }));
        counts.pages += 1;
        notice ??= result.notice;
        if (result.notice) readByQuery = true;
        const ids = [...result.updated.map((r) => r.externalId), ...result.deleted];
        const links = await db.syncLink.findMany({ where: { connectionId, module: remoteModule, externalId: { in: ids } } });
        const linkOf = new Map(links.map((l) => [l.externalId!, l]));
        const ctx: ApplyContext = { db, connection, adapter, entity, mappings, now: now(), wake };
        for (const remote of result.updated) {
          const outcome = await withCallContext({ entity, entityId: linkOf.get(remote.externalId)?.entityId, correlationId: runId }, () =>
            applyRemoteRecord(ctx, remote, linkOf.get(remote.externalId) ?? null),
          );
          if (outcome === "conflict") counts.conflicts += 1;
          else counts[outcome] += 1;
        }
        const gone = result.deleted.map((id) => linkOf.get(id)).filter((l): l is SyncLink => Boolean(l) && l!.status !== "REMOTE_DELETED");
        if (gone.length) {
          await db.syncLink.updateMany({
            where: { id: { in: gone.map((l) => l.id) } },
            data: { status: "REMOTE_DELETED", remoteDeletedAt: now(), lastError: "Deleted in the CRM" },
          });
          counts.deleted += gone.length;
        }
        cursor = result.nextCursor;
        await db.syncCursor.upsert({
          where: { connectionId_module: { connectionId, module: remoteModule } },
          create: { connectionId, module: remoteModule, cursor, lastRunAt: now() },
          update: { cursor, lastRunAt: now() },
        });
        await db.syncRun.update({
          where: { id: runId },
          data: { processed: { increment: ids.length }, succeeded: { increment: result.updated.length }, failed: counts.conflicts },
        });
        await flushCallLog(db).catch(logCallLogFailure);
        if (!result.more) {
          await db.syncCursor.update({ where: { connectionId_module: { connectionId, module: remoteModule } }, data: { lastSuccessAt: now() } });
          break;
        }
      }
      // A pull by query cannot see deletions: check the linked records' ids instead.
      if (readByQuery) {
        counts.deleted += await withCallContext({ correlationId: runId }, () => markMissingRemoteRecords(db, connector, connectionId, remoteModule, now()));
        await flushCallLog(db).catch(() => undefined);
      }
    }
    const counted = `${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.conflicts} with conflicts, ${counts.deleted} deleted in the CRM`;
    const summary = notice ? `${counted}. ${notice}` : counted;
    await db.$transaction([
      db.crmConnection.update({ where: { id: connectionId }, data: { lastPullAt: now(), lastPullError: notice?.slice(0, 1000) ?? null } }),
      db.syncRun.update({ where: { id: runId }, data: { status: "SUCCEEDED", finishedAt: now(), message: summary } }),
    ]);
  } catch (error) {
    await flushCallLog(db).catch(logCallLogFailure);
    const message = error instanceof Error ? error.message : String(error);
    logger.warn("crm.pull_failed", { connectionId, error: message });
    await db.$transaction([
      db.crmConnection.update({ where: { id: connectionId }, data: { lastPullError: message.slice(0, 1000) } }),
      db.syncRun.update({ where: { id: runId }, data: { status: "FAILED", finishedAt: now(), message: message.slice(0, 1000) } }),
    ]);
    throw error;
  }
  return { ...counts, runId, wake: [...wake], skipped: false };
}
