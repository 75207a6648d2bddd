/**
 * Writing work into the sync queue, always inside the caller's transaction:
 * if the change rolls back, so does its queue item. A record push carries no
 * data (the worker reads the record's latest state), so several waiting pushes
 * of one record collapse into one: the coalesce key is unique while an item
 * waits, and a second push of the same record folds into the first.
 */
import crypto from "node:crypto";
import { appEnv } from "@/server/config-readers";
import type { DbOrTx } from "@/server/db";
import type { CrmSyncOperation, Prisma } from "@/server/generated/prisma/client";
import type { CrmEntity } from "../connector";
import { getConnectorProvider } from "../connector-registry";
import { moduleConfigsOf } from "../connection-runtime";
import { SQL_CLOCK, SQL_NOW } from "./sql";

export interface EnqueuedItem {
  id: string;
  connectionId: string;
  /** false when the change folded into an item that was already waiting. */
  inserted: boolean;
}

export interface EnqueueOptions {
  correlationId?: string;
  maxAttempts?: number;
  /** Not before this time (default now). */
  notBefore?: Date;
}

/** A new correlation id for a change that starts here. */
export function newCorrelationId(): string {
  return crypto.randomUUID();
}

/** Key under which waiting pushes of one record collapse. */
export function pushCoalesceKey(connectionId: string, entity: string, entityId: string): string {
  return `${connectionId}:${entity}:${entityId}:push`;
}

const COALESCING: Partial<Record<CrmSyncOperation, string>> = {
  CREATE: "push",
  UPDATE: "push",
  DELETE: "push",
  USER_STATUS: "user-status",
};

interface InsertItem {
  connectionId: string;
  entity: string;
  entityId: string;
  operation: CrmSyncOperation;
  payload: Prisma.InputJsonValue;
  idempotencyKey?: string;
  opts?: EnqueueOptions;
}

/** Inserts one item, folding it into a waiting item of the same record when the operation allows. */
export async function insertQueueItem(tx: DbOrTx, item: InsertItem): Promise<EnqueuedItem> {
  const id = crypto.randomUUID();
  const kind = COALESCING[item.operation];
  const coalesceKey = kind ? `${item.connectionId}:${item.entity}:${item.entityId}:${kind}` : null;
  const correlationId = item.opts?.correlationId ?? newCorrelationId();
  const maxAttempts = item.opts?.maxAttempts ?? appEnv.crm().maxAttempts;
  const notBefore = item.opts?.notBefore ?? new Date();
  const idempotencyKey = item.idempotencyKey ?? id;
  // DELETE wins over a waiting CREATE/UPDATE; CREATE stays CREATE; the newest payload wins.
  const rows = await tx.$queryRaw<{ id: string; connectionId: string; inserted: boolean }[]>`
    INSERT INTO "SyncQueueItem" ("id", "connectionId", "entity", "entityId", "operation", "payload", "status", "maxAttempts",
      "nextAttemptAt", "correlationId", "idempotencyKey", "coalesceKey", "createdAt", "updatedAt")
    VALUES (${id}, ${item.connectionId}, ${item.entity}, ${item.entityId}, ${item.operation}::"CrmSyncOperation",
      ${JSON.stringify(item.payload)}::jsonb, 'PENDING', ${maxAttempts}, ${notBefore.toISOString()}::timestamptz AT TIME ZONE 'UTC',
      ${correlationId}, ${idempotencyKey}, ${coalesceKey}, ${SQL_CLOCK}, ${SQL_CLOCK})
    ON CONFLICT ("coalesceKey") DO UPDATE SET
      "operation" = CASE
        WHEN EXCLUDED."operation" = 'DELETE' THEN 'DELETE'::"CrmSyncOperation"
        WHEN "SyncQueueItem"."operation" = 'CREATE' THEN 'CREATE'::"CrmSyncOperation"
        ELSE EXCLUDED."operation" END,
      "payload" = EXCLUDED."payload",
      "coalescedCount" = "SyncQueueItem"."coalescedCount" + 1,
      "updatedAt" = ${SQL_NOW}
    RETURNING "id", "connectionId", (xmax = 0) AS "inserted"`;
  const row = rows[0]!;
  return { id: row.id, connectionId: row.connectionId, inserted: row.inserted };
}

/** Connections that sync `entity`: enabled, not deleted, with the entity's module enabled. */
export async function connectionsSyncing(
  tx: DbOrTx,
  entity: string,
): Promise<{ id: string; provider: string; module: string }[]> {
  const rows = await tx.crmConnection.findMany({
    where: { enabled: true, deletedAt: null },
    select: { id: true, provider: true, modules: true },
    orderBy: { createdAt: "asc" },
  });
  const out: { id: string; provider: string; module: string }[] = [];
  for (const c of rows) {
    let remoteModule: string | undefined;
    try {
      remoteModule = getConnectorProvider(c.provider).entityModules[entity as CrmEntity];
    } catch {
      continue;
    }
    if (remoteModule && moduleConfigsOf(c)[remoteModule]) out.push({ id: c.id, provider: c.provider, module: remoteModule });
  }
  return out;
}

export interface RecordChange {
  entity: string;
  entityId: string;
  operation: "CREATE" | "UPDATE" | "DELETE";
  /** Leave this connection out (the change came from it). */
  exceptConnectionId?: string;
  /** Only this connection (a sweep that found the record behind on it). */
  onlyConnectionId?: string;
  /** When the change happened (default now): the local side's time in reconciliation. */
  changedAt?: Date;
}

/**
 * Queues a push of a changed record to every connection that syncs its
 * entity, and marks its link pending, in the caller's transaction.
 */
export async function enqueueRecordChange(tx: DbOrTx, change: RecordChange, opts: EnqueueOptions = {}): Promise<EnqueuedItem[]> {
  const correlationId = opts.correlationId ?? newCorrelationId();
  const changedAt = change.changedAt ?? new Date();
  const out: EnqueuedItem[] = [];
  for (const conn of await connectionsSyncing(tx, change.entity)) {
    if (conn.id === change.exceptConnectionId) continue;
    if (change.onlyConnectionId && conn.id !== change.onlyConnectionId) continue;
    const item = await insertQueueItem(tx, {
      connectionId: conn.id,
      entity: change.entity,
      entityId: change.entityId,
      operation: change.operation,
      payload: {},
      opts: { ...opts, correlationId },
    });
    if (change.operation !== "DELETE") {
      await tx.syncLink.upsert({
        where: { connectionId_entity_entityId: { connectionId: conn.id, entity: change.entity, entityId: change.entityId } },
        create: {
          connectionId: conn.id,
          entity: change.entity,
          entityId: change.entityId,
          module: conn.module,
          status: "PENDING",
          localChangedAt: changedAt,
        },
        update: { status: "PENDING", localChangedAt: changedAt },
      });
    }
    out.push(item);
  }
  return out;
}

/** Queues one operation for one connection (notes, tasks, user provisioning, payment summaries). */
export async function enqueueOperation(
  tx: DbOrTx,
  input: {
    connectionId: string;
    entity: string;
    entityId: string;
    operation: CrmSyncOperation;
    payload: Prisma.InputJsonValue;
    /** Stable key: enqueueing the same key twice makes one item. */
    idempotencyKey?: string;
  },
  opts: EnqueueOptions = {},
): Promise<EnqueuedItem> {
  if (input.idempotencyKey) {
    const existing = await tx.syncQueueItem.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
      select: { id: true, connectionId: true },
    });
    if (existing) return { ...existing, inserted: false };
  }
  return insertQueueItem(tx, { ...input, opts });
}

/** Distinct connection ids of enqueued items (what to wake after commit). */
export function connectionIdsOf(items: readonly EnqueuedItem[]): string[] {
  return [...new Set(items.map((i) => i.connectionId))];
}
