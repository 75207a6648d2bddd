import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, type DbOrTx } from "@/server/db";
import { startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { flushCallLog, pendingCallCount, recordRemoteCall, withCallContext } from "./call-log";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
afterAll(() => kit.close());

const call = (operation: string) => ({ operation, ok: true, attempt: 1, httpStatus: 200, durationMs: 12.4 });
const rowsOf = (correlationId: string) => db.syncCallLog.findMany({ where: { correlationId }, orderBy: { createdAt: "asc" } });

describe("the CRM call log", () => {
  it("writes each call through without waiting for a flush, with the context it was made in", async () => {
    const correlationId = randomUUID();
    await withCallContext({ correlationId, entity: "customer", entityId: "cust-1" }, async () => {
      recordRemoteCall(kit.connection.id, call("retrieve"));
      recordRemoteCall(kit.connection.id, call("update"));
    });
    // No flush: the rows reach PostgreSQL on their own, so a crash right after the calls loses nothing.
    await vi.waitFor(async () => expect(await rowsOf(correlationId)).toHaveLength(2), { timeout: 10_000 });
    const rows = await rowsOf(correlationId);
    expect(rows.map((r) => [r.operation, r.entity, r.entityId, r.status, r.durationMs])).toEqual([
      ["retrieve", "customer", "cust-1", "ok", 12],
      ["update", "customer", "cust-1", "ok", 12],
    ]);
  });

  it("keeps the rows of a failed write, reports the failure, and stores them with the next write", async () => {
    const correlationId = randomUUID();
    const refusing = { syncCallLog: { createMany: () => Promise.reject(new Error("connection terminated")) } } as unknown as DbOrTx;
    await withCallContext({ correlationId }, async () => {
      recordRemoteCall(kit.connection.id, call("query"));
      recordRemoteCall(kit.connection.id, call("retrieve"));
    });
    // Flushing at once takes the rows before the background write does; the write fails and says so.
    await expect(flushCallLog(refusing)).rejects.toThrow("connection terminated");
    expect(pendingCallCount()).toBeGreaterThanOrEqual(2);
    await vi.waitFor(async () => expect(await rowsOf(correlationId)).toHaveLength(2), { timeout: 10_000 });
    await flushCallLog();
    expect(pendingCallCount()).toBe(0);
  });

  it("flush waits for the writes already under way", async () => {
    const correlationId = randomUUID();
    await withCallContext({ correlationId }, async () => recordRemoteCall(kit.connection.id, call("describe")));
    // Let the background write start, then flush: it must not return before that write committed.
    await new Promise((resolve) => setImmediate(resolve));
    await flushCallLog();
    expect(await rowsOf(correlationId)).toHaveLength(1);
  });
});
