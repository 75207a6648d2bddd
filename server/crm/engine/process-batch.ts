/**
 * Runs a batch of claimed items of one connection: loads what the items
 * need in a few queries (links, local records, custom mappings), reads the
 * remote side of every linked record ahead in batch calls, then runs the
 * items (one record's items in order; different records side by side) and
 * stores each outcome. Every remote call is logged with the item's record
 * and correlation id.
 */
import type { Db } from "@/server/db";
import type { CrmConnection, SyncLink, SyncQueueItem } from "@/server/generated/prisma/client";
import type { CrmConnector, RemoteRecord } from "../connector";
import { connectorFor, moduleConfigsOf } from "../connection-runtime";
import { entityAdapter, type LocalRecord } from "../entities/entity-adapter";
import { logger } from "@/server/logger";
import type { BackoffOptions } from "./backoff";
import { flushCallLog, logCallLogFailure, withCallContext } from "./call-log";
import { entityQueueHandlers, handlerFor } from "./handlers";
import type { HandlerContext } from "./handlers/handler-context";
import { failureOutcome, storeOutcome, storeSuccesses, type ItemOutcome } from "./item-outcome";
import { ItemWait, releaseWaiting, storeWait } from "./item-wait";
import { writeSyncedLinks, type SyncedLinkWrite } from "./link-writes";
import { effectiveMappings, type EffectiveMapping } from "./mappings";

export interface BatchOptions {
  backoff: Omit<BackoffOptions, "retryAfterMs">;
  /** Records worked on at once (default 4). */
  concurrency?: number;
  now?: () => Date;
  /** Use this connector instead of the cached one (benchmarks, tests). */
  connector?: CrmConnector;
}

export interface BatchResult {
  succeeded: number;
  failed: number;
  dead: number;
  /** Items parked until another record reaches the CRM (no attempt spent). */
  waiting: number;
  outcomes: { itemId: string; status: ItemOutcome["status"] | "WAITING" }[];
}

const recordKey = (i: Pick<SyncQueueItem, "entity" | "entityId">) => `${i.entity}:${i.entityId}`;

async function mapPool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!);
    }
  });
  await Promise.all(workers);
}

export async function processBatch(
  db: Db,
  connection: CrmConnection,
  items: readonly SyncQueueItem[],
  opts: BatchOptions,
): Promise<BatchResult> {
  const now = opts.now ?? (() => new Date());
  const connector = opts.connector ?? connectorFor(connection);
  const result: BatchResult = { succeeded: 0, failed: 0, dead: 0, waiting: 0, outcomes: [] };

  const [customRows, links] = await Promise.all([
    db.crmFieldMapping.findMany({ where: { connectionId: connection.id } }),
    db.syncLink.findMany({
      where: { connectionId: connection.id, OR: groupByEntity(items).map(([entity, ids]) => ({ entity, entityId: { in: ids } })) },
    }),
  ]);
  const linkOf = new Map<string, SyncLink>(links.map((l) => [recordKey(l), l]));
  const openConflicts = links.length
    ? await db.syncConflict.findMany({ where: { linkId: { in: links.map((l) => l.id) }, status: "OPEN" }, select: { linkId: true }, distinct: ["linkId"] })
    : [];
  const linksWithOpenConflicts = new Set(openConflicts.map((c) => c.linkId));
  const modules = moduleConfigsOf(connection);
  const mappingCache = new Map<string, EffectiveMapping[]>();
  const mappingsFor = (entity: string) => {
    let m = mappingCache.get(entity);
    if (!m) {
      m = effectiveMappings(connection.provider, modules, customRows, entity);
      mappingCache.set(entity, m);
    }
    return m;
  };

  // Local records of field-by-field entities, one query per entity.
  const locals = new Map<string, LocalRecord>();
  for (const [entity, ids] of groupByEntity(items)) {
    const adapter = entityAdapter(entity);
    if (!adapter) continue;
    for (const [id, rec] of await adapter.load(db, ids)) locals.set(`${entity}:${id}`, rec);
  }

  // Items that touched their record before (any attempt) mean a create may have reached the CRM.
  const createIds = items.filter((i) => i.operation === "CREATE" || i.operation === "UPDATE").map((i) => i.id);
  const touched = new Set<string>();
  if (createIds.length) {
    const earlier = await db.syncQueueItem.findMany({
      where: {
        connectionId: connection.id,
        OR: groupByEntity(items).map(([entity, ids]) => ({ entity, entityId: { in: ids } })),
        attempts: { gt: 0 },
        id: { notIn: createIds },
        operation: { in: ["CREATE", "UPDATE"] },
      },
      select: { entity: true, entityId: true },
    });
    for (const e of earlier) touched.add(recordKey(e));
  }

  // Read ahead the remote side of linked records being pushed: one batch call per module.
  const prefetched = new Map<string, RemoteRecord | null>();
  let prefetchError: unknown = null;
  const byModule = new Map<string, string[]>();
  for (const i of items) {
    const link = linkOf.get(recordKey(i));
    const fieldByField = !entityQueueHandlers(i.entity);
    if (fieldByField && (i.operation === "CREATE" || i.operation === "UPDATE") && link?.externalId && link.status !== "REMOTE_DELETED") {
      byModule.set(link.module, [...(byModule.get(link.module) ?? []), link.externalId]);
    }
  }
  for (const [module, ids] of byModule) {
    try {
      const found = await withCallContext({ correlationId: items[0]?.correlationId }, () => connector.fetchRecords(module, ids));
      for (const id of ids) prefetched.set(id, null);
      for (const r of found) prefetched.set(r.externalId, r);
    } catch (e) {
      prefetchError = e;
      for (const id of ids) prefetched.delete(id);
    }
  }

  const groups = new Map<string, SyncQueueItem[]>();
  for (const i of items) groups.set(recordKey(i), [...(groups.get(recordKey(i)) ?? []), i]);

  const succeededIds: string[] = [];
  const succeededRecords = new Set<string>();
  const linkWrites: SyncedLinkWrite[] = [];
  await mapPool([...groups.values()], opts.concurrency ?? 4, async (group) => {
    for (const [index, item] of group.entries()) {
      const key = recordKey(item);
      const ctx: HandlerContext = {
        db,
        connection,
        connector,
        item,
        link: linkOf.get(key) ?? null,
        local: locals.get(key),
        prefetched,
        prefetchError,
        mappingsFor,
        linksWithOpenConflicts,
        deferLinkWrite: group.length === 1 ? (w) => linkWrites.push(w) : undefined,
        firstTouch: item.attempts === 1 && !touched.has(key),
        now,
      };
      let outcome: ItemOutcome;
      try {
        const handler = handlerFor(item);
        const r = await withCallContext(
          { entity: item.entity, entityId: item.entityId, queueItemId: item.id, correlationId: item.correlationId },
          () => handler(ctx),
        );
        outcome = { status: "SUCCEEDED", message: r.message };
      } catch (e) {
        if (e instanceof ItemWait) {
          // Not an attempt: the item waits for another record, and says which.
          await storeWait(db, item.id, e, now());
          result.outcomes.push({ itemId: item.id, status: "WAITING" });
          result.waiting += 1;
          continue;
        }
        outcome = failureOutcome(item, e, now(), opts.backoff);
        if (outcome.status === "DEAD") {
          logger.warn("crm.item_dead", { itemId: item.id, connectionId: connection.id, kind: outcome.error.kind, error: outcome.error.message });
        }
      }
      // Successes are written together at the end of the batch (a crash before that only repeats idempotent pushes).
      if (outcome.status === "SUCCEEDED") {
        succeededIds.push(item.id);
        succeededRecords.add(key);
      } else {
        await storeOutcome(db, item, outcome, now());
        if (outcome.status === "DEAD") await entityQueueHandlers(item.entity)?.onDead?.(db, item, outcome.error);
      }
      if (index < group.length - 1) {
        // A later item of the same record sees the link as this one left it.
        const fresh = await db.syncLink.findUnique({
          where: { connectionId_entity_entityId: { connectionId: connection.id, entity: item.entity, entityId: item.entityId } },
        });
        if (fresh) linkOf.set(key, fresh);
        else linkOf.delete(key);
      }
      touched.add(key);
      result.outcomes.push({ itemId: item.id, status: outcome.status });
      if (outcome.status === "SUCCEEDED") result.succeeded += 1;
      else if (outcome.status === "FAILED") result.failed += 1;
      else result.dead += 1;
    }
  });
  // The calls are stored before the items are marked done, so no acknowledged item lacks its log.
  await flushCallLog(db).catch(logCallLogFailure);
  // Links first: an item is only marked done once its link says where the record went.
  await writeSyncedLinks(db, linkWrites);
  await storeSuccesses(db, succeededIds, now());
  // Items waiting for a record that just reached the CRM go in the drain's next batch.
  await releaseWaiting(db, connection.id, [...succeededRecords]);
  return result;
}

function groupByEntity(items: readonly Pick<SyncQueueItem, "entity" | "entityId">[]): [string, string[]][] {
  const m = new Map<string, Set<string>>();
  for (const i of items) m.set(i.entity, (m.get(i.entity) ?? new Set()).add(i.entityId));
  return [...m.entries()].map(([e, ids]) => [e, [...ids]]);
}
