/**
 * The remote-call log: every request a connector makes is recorded with the
 * connection, operation, record, status, duration, correlation id and error.
 * The record and correlation id come from an AsyncLocalStorage context that
 * the engine opens around each queue item or pull page, so connectors need no
 * knowledge of it. Rows are buffered and written in one insert per flush, so
 * logging costs one statement per item rather than one per call.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { DbOrTx } from "@/server/db";
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
}

/** Writes every buffered call; safe to call often (does nothing when empty). */
export async function flushCallLog(db: DbOrTx): Promise<number> {
  if (pending.length === 0) return 0;
  const batch = pending;
  pending = [];
  try {
    await db.syncCallLog.createMany({ data: batch });
  } catch (error) {
    // A connection deleted for good takes its calls with it; anything else is retried on the next flush.
    pending = [...(String(error).includes("connectionId_fkey") ? [] : batch), ...pending].slice(-10_000);
    throw error;
  }
  return batch.length;
}

/** Calls waiting to be written (tests). */
export function pendingCallCount(): number {
  return pending.length;
}
