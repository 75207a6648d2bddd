/**
 * Read models of the sync dashboard: queue depth by state, throughput and
 * failures per hour, last pull and push per connection, the queue (with the
 * dead letter), the remote-call log and open conflicts. Every function takes
 * an optional connection id: without it, the figures cover all connections.
 */
import type { Db } from "@/server/db";
import { Prisma, type CrmSyncItemStatus } from "@/server/generated/prisma/client";
import type { Page } from "@/lib/validators/common";
import { toConnectionView, type ConnectionView } from "../connections/connection-view";
import { entityAdapter } from "../entities/entity-adapter";
import { WAITING_KIND } from "../engine/item-wait";

const HOUR_MS = 3_600_000;

export interface DashboardOverview {
  depth: Record<CrmSyncItemStatus, number>;
  openConflicts: number;
  connections: (ConnectionView & { depth: Record<CrmSyncItemStatus, number>; openConflicts: number })[];
  /** Hourly buckets of the last 24 hours (oldest first). */
  series: { hour: string; pushed: number; failedCalls: number; calls: number }[];
  /** Per kind of record (customers, field jobs, job notes…): what waits, retries, is dead, and went in the last 24 hours. */
  entities: EntityCounts[];
  lastRuns: { id: string; connectionId: string; kind: "PUSH" | "PULL"; status: string; processed: number; total: number | null; startedAt: Date; finishedAt: Date | null; message: string | null }[];
}

export interface EntityCounts {
  entity: string;
  pending: number;
  /** Of the pending ones: parked until another record reaches the CRM. */
  waiting: number;
  processing: number;
  failed: number;
  dead: number;
  succeeded24h: number;
}

/** Queue figures by entity for these connections (the dashboard's "by kind of record" table). */
async function entityCounts(db: Db, ids: readonly string[], since: Date): Promise<EntityCounts[]> {
  const rows = await db.$queryRaw<{ entity: string; pending: bigint; waiting: bigint; processing: bigint; failed: bigint; dead: bigint; done: bigint }[]>`
    SELECT "entity",
      count(*) FILTER (WHERE "status" = 'PENDING') AS pending,
      count(*) FILTER (WHERE "status" = 'PENDING' AND "lastErrorKind" = ${WAITING_KIND}) AS waiting,
      count(*) FILTER (WHERE "status" = 'PROCESSING') AS processing,
      count(*) FILTER (WHERE "status" = 'FAILED') AS failed,
      count(*) FILTER (WHERE "status" = 'DEAD') AS dead,
      count(*) FILTER (WHERE "status" = 'SUCCEEDED' AND "finishedAt" >= ${since}) AS done
    FROM "SyncQueueItem"
    WHERE "connectionId" IN (${Prisma.join(ids.length ? [...ids] : ["-"])})
      AND ("status" <> 'SUCCEEDED' OR "finishedAt" >= ${since})
    GROUP BY "entity" ORDER BY "entity"`;
  return rows.map((r) => ({
    entity: r.entity,
    pending: Number(r.pending),
    waiting: Number(r.waiting),
    processing: Number(r.processing),
    failed: Number(r.failed),
    dead: Number(r.dead),
    succeeded24h: Number(r.done),
  }));
}

const emptyDepth = (): Record<CrmSyncItemStatus, number> => ({ PENDING: 0, PROCESSING: 0, SUCCEEDED: 0, FAILED: 0, DEAD: 0 });

export async function dashboardOverview(db: Db, opts: { connectionId?: string; now?: Date } = {}): Promise<DashboardOverview> {
  const now = opts.now ?? new Date();
  const since = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS);
  const connections = await db.crmConnection.findMany({
    where: { deletedAt: null, ...(opts.connectionId ? { id: opts.connectionId } : {}) },
    orderBy: { createdAt: "asc" },
  });
  const ids = connections.map((c) => c.id);
  const [byStatus, conflicts, pushed, calls, runs, entities] = await Promise.all([
    db.syncQueueItem.groupBy({ by: ["connectionId", "status"], where: { connectionId: { in: ids } }, _count: { _all: true } }),
    db.syncConflict.groupBy({ by: ["connectionId"], where: { connectionId: { in: ids }, status: "OPEN" }, _count: { _all: true } }),
    db.$queryRaw<{ hour: Date; n: bigint }[]>`
      SELECT date_trunc('hour', "finishedAt") AS hour, count(*) AS n FROM "SyncQueueItem"
      WHERE "status" = 'SUCCEEDED' AND "finishedAt" >= ${since} AND "connectionId" IN (${Prisma.join(ids.length ? ids : ["-"])})
      GROUP BY 1`,
    db.$queryRaw<{ hour: Date; total: bigint; failed: bigint }[]>`
      SELECT date_trunc('hour', "createdAt") AS hour, count(*) AS total, count(*) FILTER (WHERE "status" = 'error') AS failed
      FROM "SyncCallLog" WHERE "createdAt" >= ${since} AND "connectionId" IN (${Prisma.join(ids.length ? ids : ["-"])})
      GROUP BY 1`,
    db.syncRun.findMany({ where: { connectionId: { in: ids } }, orderBy: { startedAt: "desc" }, take: 10 }),
    entityCounts(db, ids, since),
  ]);
  const depth = emptyDepth();
  const perConn = new Map<string, Record<CrmSyncItemStatus, number>>();
  for (const row of byStatus) {
    depth[row.status] += row._count._all;
    const d = perConn.get(row.connectionId) ?? emptyDepth();
    d[row.status] += row._count._all;
    perConn.set(row.connectionId, d);
  }
  const conflictsOf = new Map(conflicts.map((c) => [c.connectionId, c._count._all]));
  const key = (d: Date) => new Date(Math.floor(new Date(d).getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const pushedBy = new Map(pushed.map((p) => [key(p.hour), Number(p.n)]));
  const callsBy = new Map(calls.map((c) => [key(c.hour), { total: Number(c.total), failed: Number(c.failed) }]));
  const series = Array.from({ length: 24 }, (_, i) => {
    const hour = new Date(since.getTime() + i * HOUR_MS).toISOString();
    return { hour, pushed: pushedBy.get(hour) ?? 0, failedCalls: callsBy.get(hour)?.failed ?? 0, calls: callsBy.get(hour)?.total ?? 0 };
  });
  return {
    depth,
    openConflicts: [...conflictsOf.values()].reduce((a, b) => a + b, 0),
    connections: connections.map((c) => ({ ...toConnectionView(c), depth: perConn.get(c.id) ?? emptyDepth(), openConflicts: conflictsOf.get(c.id) ?? 0 })),
    series,
    entities,
    lastRuns: runs.map((r) => ({
      id: r.id,
      connectionId: r.connectionId,
      kind: r.kind,
      status: r.status,
      processed: r.processed,
      total: r.total,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      message: r.message,
    })),
  };
}

export interface QueueRow {
  id: string;
  connectionId: string;
  connectionName: string;
  entity: string;
  entityId: string;
  recordLabel: string;
  operation: string;
  status: CrmSyncItemStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastErrorKind: string | null;
  /** Parked until the record named in lastError reaches the CRM (no attempt spent). */
  waiting: boolean;
  correlationId: string;
  coalescedCount: number;
  createdAt: Date;
  finishedAt: Date | null;
}

async function recordLabels(db: Db, rows: { entity: string; entityId: string }[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const idsByEntity = new Map<string, string[]>();
  for (const r of rows) idsByEntity.set(r.entity, [...(idsByEntity.get(r.entity) ?? []), r.entityId]);
  // Every entity with an adapter labels its own records (customers, jobs, external invoices…); users are no adapter entity.
  await Promise.all(
    [...idsByEntity].map(async ([entity, ids]) => {
      const adapter = entityAdapter(entity);
      if (adapter) {
        for (const [id, rec] of await adapter.load(db, ids)) labels.set(`${entity}:${id}`, rec.label);
      } else if (entity === "user") {
        for (const u of await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })) labels.set(`user:${u.id}`, u.email);
      }
    }),
  );
  return labels;
}

export async function listQueue(
  db: Db,
  opts: { connectionId?: string; status?: CrmSyncItemStatus; entity?: string; entityId?: string; page: number; pageSize: number },
): Promise<Page<QueueRow>> {
  const where: Prisma.SyncQueueItemWhereInput = {
    connection: { deletedAt: null },
    ...(opts.connectionId ? { connectionId: opts.connectionId } : {}),
    ...(opts.entity ? { entity: opts.entity } : {}),
    ...(opts.status ? { status: opts.status } : {}),
    ...(opts.entityId ? { entityId: opts.entityId } : {}),
  };
  const [rows, total] = await Promise.all([
    db.syncQueueItem.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: { connection: { select: { name: true } } },
    }),
    db.syncQueueItem.count({ where }),
  ]);
  const labels = await recordLabels(db, rows);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      connectionId: r.connectionId,
      connectionName: r.connection.name,
      entity: r.entity,
      entityId: r.entityId,
      recordLabel: labels.get(`${r.entity}:${r.entityId}`) ?? r.entityId,
      operation: r.operation,
      status: r.status,
      attempts: r.attempts,
      maxAttempts: r.maxAttempts,
      nextAttemptAt: r.nextAttemptAt,
      lastError: r.lastError,
      lastErrorKind: r.lastErrorKind,
      waiting: r.status === "PENDING" && r.lastErrorKind === WAITING_KIND,
      correlationId: r.correlationId,
      coalescedCount: r.coalescedCount,
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
    })),
    total,
    page: opts.page,
    pageSize: opts.pageSize,
  };
}

export async function listCallLog(
  db: Db,
  opts: { connectionId?: string; status?: "ok" | "error"; operation?: string; search?: string; sinceHours?: number; page: number; pageSize: number },
) {
  const where: Prisma.SyncCallLogWhereInput = {
    connection: { deletedAt: null },
    ...(opts.connectionId ? { connectionId: opts.connectionId } : {}),
    ...(opts.status ? { status: opts.status } : {}),
    ...(opts.operation ? { operation: opts.operation } : {}),
    ...(opts.search ? { OR: [{ entityId: opts.search }, { correlationId: opts.search }, { queueItemId: opts.search }] } : {}),
    ...(opts.sinceHours ? { createdAt: { gte: new Date(Date.now() - opts.sinceHours * HOUR_MS) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.syncCallLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: { connection: { select: { name: true } } },
    }),
    db.syncCallLog.count({ where }),
  ]);
  return { rows: rows.map(({ connection, ...r }) => ({ ...r, connectionName: connection.name })), total, page: opts.page, pageSize: opts.pageSize };
}

export async function listOpenConflicts(db: Db, opts: { connectionId?: string; entityId?: string }) {
  const rows = await db.syncConflict.findMany({
    where: {
      status: "OPEN",
      connection: { deletedAt: null },
      ...(opts.connectionId ? { connectionId: opts.connectionId } : {}),
      ...(opts.entityId ? { entityId: opts.entityId } : {}),
    },
    orderBy: [{ detectedAt: "asc" }, { field: "asc" }],
    take: 200,
    include: { connection: { select: { name: true } }, link: { select: { remoteUrl: true } } },
  });
  const labels = await recordLabels(db, rows);
  return rows.map((r) => ({
    id: r.id,
    connectionId: r.connectionId,
    connectionName: r.connection.name,
    entity: r.entity,
    entityId: r.entityId,
    recordLabel: labels.get(`${r.entity}:${r.entityId}`) ?? r.entityId,
    field: r.field,
    remoteField: r.remoteField,
    localValue: r.localValue === null ? null : String(r.localValue),
    remoteValue: r.remoteValue === null ? null : String(r.remoteValue),
    baseValue: r.baseValue === null ? null : String(r.baseValue),
    remoteUrl: r.link.remoteUrl,
    detectedAt: r.detectedAt,
  }));
}
