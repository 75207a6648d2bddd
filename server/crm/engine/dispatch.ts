/**
 * Waking the workers after commit. Normally an Inngest event per connection
 * (the worker function drains that connection's queue). Where no Inngest
 * server can be reached (a laptop without the Dev Server, the e2e stack),
 * this process drains the queue itself and sets a timer for the next retry,
 * the way the Inngest cron would. Either way the queue rows are already
 * committed, so a lost wake-up only delays work.
 */
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { inngest } from "@/inngest/client";
import { crmPullRequested, crmSyncRequested } from "@/inngest/events";
import { runAfterPull } from "./after-pull";
import { nextDueAt } from "./claim-items";
import { drainConnectionQueue } from "./drain-queue";
import { pullConnection } from "./pull-changes";

export type SyncDispatcher = {
  push(connectionIds: readonly string[], runId?: string): Promise<void>;
  pull(connectionId: string, runId?: string): Promise<void>;
};

const running = new Set<string>();
const rerun = new Set<string>();
/** A "Run now" that arrived while this process was already draining the connection. */
const pendingRuns = new Map<string, string>();
const timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
/** The longest a local retry timer waits (the next "cron" tick). */
const LOCAL_TICK_MAX_MS = 60_000;

/** Drains a connection in this process, then schedules itself for the next due item. */
export function runLocalDrain(connectionId: string, runId?: string): Promise<void> {
  if (running.has(connectionId)) {
    rerun.add(connectionId);
    if (runId) pendingRuns.set(connectionId, runId);
    return Promise.resolve();
  }
  running.add(connectionId);
  return (async () => {
    try {
      do {
        rerun.delete(connectionId);
        await drainConnectionQueue(db, connectionId, { runId });
        runId = pendingRuns.get(connectionId);
        pendingRuns.delete(connectionId);
      } while (rerun.has(connectionId));
      const due = await nextDueAt(db, connectionId);
      if (due) scheduleLocal(connectionId, due.getTime());
    } catch (error) {
      logger.error("crm.local_drain_failed", { connectionId, err: error });
      scheduleLocal(connectionId, Date.now() + LOCAL_TICK_MAX_MS);
    } finally {
      running.delete(connectionId);
    }
  })();
}

function scheduleLocal(connectionId: string, at: number): void {
  const when = Math.min(Math.max(at, Date.now() + 50), Date.now() + LOCAL_TICK_MAX_MS);
  const existing = timers.get(connectionId);
  if (existing && existing.at <= when) return;
  if (existing) clearTimeout(existing.timer);
  const timer = setTimeout(() => {
    timers.delete(connectionId);
    void runLocalDrain(connectionId);
  }, when - Date.now());
  timer.unref?.();
  timers.set(connectionId, { at: when, timer });
}

function runLocalPull(connectionId: string, runId?: string): void {
  void pullConnection(db, connectionId, { runId, trigger: "manual" })
    .then(async (r) => {
      await dispatchSyncWork(r.wake);
      await runAfterPull(db, connectionId);
    })
    .catch((e) => logger.error("crm.local_pull_failed", { connectionId, err: e }));
}

// Fallbacks go through sendOrRunInline: warned and counted like every other hand-off, so a deploy whose sends fail shows it.
const inngestDispatcher: SyncDispatcher = {
  async push(connectionIds, runId) {
    if (connectionIds.length === 0) return;
    await sendOrRunInline(
      "crm.sync",
      () => inngest.send(connectionIds.map((connectionId) => crmSyncRequested.create({ connectionId, ...(runId ? { runId } : {}) }))),
      () => {
        for (const id of connectionIds) void runLocalDrain(id, runId);
      },
    );
  },
  async pull(connectionId, runId) {
    await sendOrRunInline(
      "crm.pull",
      () => inngest.send(crmPullRequested.create({ connectionId, ...(runId ? { runId } : {}) })),
      () => runLocalPull(connectionId, runId),
    );
  },
};

let dispatcher: SyncDispatcher = inngestDispatcher;

/** Wakes the queue workers of these connections (after the enqueueing transaction committed). */
export function dispatchSyncWork(connectionIds: readonly string[], runId?: string): Promise<void> {
  return dispatcher.push(connectionIds, runId).catch((e) => logger.error("crm.dispatch_failed", { err: e }));
}

/** Starts a pull of one connection in the background. */
export function dispatchPull(connectionId: string, runId?: string): Promise<void> {
  return dispatcher.pull(connectionId, runId).catch((e) => logger.error("crm.dispatch_failed", { err: e }));
}

/** Tests: replace the dispatcher (null restores Inngest). */
export function setSyncDispatcherForTests(d: SyncDispatcher | null): void {
  dispatcher = d ?? inngestDispatcher;
}
