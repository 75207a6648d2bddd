/**
 * The remote-call log: every request a connector makes is recorded with the
 * connection, operation, record, status, duration, correlation id and error.
 * The record and correlation id come from an AsyncLocalStorage context that
 * the engine opens around each queue item or pull page, so connectors need no
 * knowledge of it.
 *
 * Written through: a recorded call is inserted on the next tick (calls made in
 * the same tick, e.g. a batch's concurrent requests, share one insert), so a
 * crash loses at most the calls of the last few milliseconds, and every
 * instance's calls are in PostgreSQL at once. The engine awaits
 * `flushCallLog` before it marks work done, so no acknowledged item lacks its
 * calls. A failed insert keeps its rows for the next write and is reported.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { db as defaultDb, type DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";
import type { RemoteCallEvent } from "../connector-registry";

export interface CallContext {
  entity?: string;
  entityId?: string;
  queueItemId?: string;
  correlationId?: string;
}

interface PendingCall {
  connectionId: string;
  operation: string;
  entity: string | null;
  entityId: string | null;
  queueItemId: string | null;
  status: "ok" | "error";
  httpStatus: number | null;
  durationMs: number;
  attempt: number;
  correlationId: string | null;
  errorKind: string | null;
  error: string | null;
  createdAt: Date;
}

const context = new AsyncLocalStorage<CallContext>();
let pending: PendingCall[] = [];
let scheduled = false;
const writing = new Set<Promise<unknown>>();
/** Rows kept while PostgreSQL refuses them; the oldest go first beyond this. */
const MAX_PENDING = 10_000;

/** Runs `fn` with `ctx` attached to every remote call it makes. */
export function withCallContext<T>(ctx: CallContext, fn: () => Promise<T>): Promise<T> {
  return context.run({ ...context.getStore(), ...ctx }, fn);
}

/** The hook a connector of `connectionId` reports its calls to. */
export function recordRemoteCall(connectionId: string, event: RemoteCallEvent): void {
  const ctx = context.getStore() ?? {};
  pending.push({
    connectionId,
    operation: event.operation,
    entity: ctx.entity ?? null,
    entityId: ctx.entityId ?? null,
    queueItemId: ctx.queueItemId ?? null,
    status: event.ok ? "ok" : "error",
    httpStatus: event.httpStatus ?? null,
    durationMs: Math.max(0, Math.round(event.durationMs)),
    attempt: event.attempt,
    correlationId: ctx.correlationId ?? null,
    errorKind: event.error?.kind ?? null,
    // Connector messages never carry secrets; cap the length all the same.
    error: event.error ? event.error.message.slice(0, 1000) : null,
    createdAt: new Date(),
  });
  scheduleWrite();
}

function scheduleWrite(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    writePending(defaultDb).catch((error) =>
      logger.warn("crm.call_log_write_failed", { kept: pending.length, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

function writePending(db: DbOrTx): Promise<number> {
  if (pending.length === 0) return Promise.resolve(0);
  const batch = pending;
  pending = [];
  const write = db.syncCallLog.createMany({ data: batch }).then(
    () => batch.length,
    (error: unknown) => {
      // A connection deleted for good takes its calls with it; anything else is retried by the next write.
      pending = [...(String(error).includes("connectionId_fkey") ? [] : batch), ...pending].slice(-MAX_PENDING);
      throw error;
    },
  );
  writing.add(write);
  void write.catch(() => undefined).finally(() => writing.delete(write));
  return write;
}

/**
 * Waits for the writes in flight and writes what is still buffered; rejects
 * when rows could not be stored (they stay buffered for the next write).
 */
export async function flushCallLog(db: DbOrTx = defaultDb): Promise<number> {
  const inflight = await Promise.allSettled([...writing]);
  const earlier = inflight.reduce((n, r) => n + (r.status === "fulfilled" && typeof r.value === "number" ? r.value : 0), 0);
  return earlier + (await writePending(db));
}

/** For `flushCallLog(db).catch(…)` where the work must go on: an error log with the rows kept for the next write. */
export function logCallLogFailure(error: unknown): void {
  logger.error("crm.call_log_flush_failed", { kept: pending.length, err: error });
}

/** Calls waiting to be written (tests). */
export function pendingCallCount(): number {
  return pending.length;
}
