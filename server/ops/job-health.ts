/**
 * Background-job health for /api/health and the console's status panel: how
 * long the oldest due item of each queue has waited, and when each schedule
 * last ran. Every instance reads the same rows, so any one of them answers for
 * the whole deployment. A monitor alerts on `stalled` (see README "Production").
 */
import type { DbOrTx } from "@/server/db";
import type { CronSchedule } from "./cron-runs";

/** A due item older than this means nothing is draining the queue. */
export const QUEUE_STALL_MINUTES = 15;
/** A schedule may miss one tick and run late by this much before it counts as stalled. */
const CRON_GRACE_MINUTES = 5;

export type QueueName = "outbox" | "crmQueue" | "billingWebhooks" | "billingRating" | "billingPayments";

export interface QueueHealth {
  queue: QueueName;
  /** Items whose time has come and that no worker has finished. */
  due: number;
  /** Age in seconds of the oldest of them (0 when none). */
  oldestDueAgeSec: number;
  stalled: boolean;
}

export interface CronHealth {
  functionId: string;
  cron: string;
  lastOkAt: Date | null;
  lastFailedAt: Date | null;
  lastError: string | null;
  /** No successful run within two periods plus grace (of the last run, or of when schedules first ran). */
  stalled: boolean;
}

export interface JobHealth {
  queues: QueueHealth[];
  crons: CronHealth[];
  /** Names of the queues and schedules that look stuck; empty when healthy. */
  stalled: string[];
}

type Oldest = { due: number; oldest: Date | null };

async function oldestDue(db: DbOrTx, now: Date): Promise<Record<QueueName, Oldest>> {
  const pick = (r: { _count: { _all: number }; _min: Record<string, Date | null> }, field: string): Oldest => ({
    due: r._count._all,
    oldest: r._min[field] ?? null,
  });
  const [outbox, crm, webhooks, rating, payments] = await Promise.all([
    db.outboxEmail.aggregate({
      where: { status: { in: ["PENDING", "FAILED"] }, nextAttemptAt: { lte: now } },
      _count: { _all: true },
      _min: { nextAttemptAt: true },
    }),
    db.syncQueueItem.aggregate({
      // Items of a paused or deleted connection wait on purpose.
      where: { status: { in: ["PENDING", "FAILED"] }, nextAttemptAt: { lte: now }, connection: { enabled: true, deletedAt: null } },
      _count: { _all: true },
      _min: { nextAttemptAt: true },
    }),
    db.billingWebhookDelivery.aggregate({
      where: { status: { in: ["pending", "failed"] }, nextAttemptAt: { lte: now } },
      _count: { _all: true },
      _min: { nextAttemptAt: true },
    }),
    db.billingSubscription.aggregate({
      // A period that has ended waits for the rating job to close it into an invoice.
      where: { status: { in: ["active", "past_due", "paused", "cancelled"] }, currentPeriodEnd: { lte: now } },
      _count: { _all: true },
      _min: { currentPeriodEnd: true },
    }),
    db.billingInvoice.aggregate({
      where: { status: "open", nextPaymentAttemptAt: { lte: now } },
      _count: { _all: true },
      _min: { nextPaymentAttemptAt: true },
    }),
  ]);
  return {
    outbox: pick(outbox, "nextAttemptAt"),
    crmQueue: pick(crm, "nextAttemptAt"),
    billingWebhooks: pick(webhooks, "nextAttemptAt"),
    billingRating: pick(rating, "currentPeriodEnd"),
    billingPayments: pick(payments, "nextPaymentAttemptAt"),
  };
}

/** The health of every queue and schedule at `now`. */
export async function checkJobHealth(db: DbOrTx, schedules: readonly CronSchedule[], now = new Date()): Promise<JobHealth> {
  const [queuesByName, runs] = await Promise.all([oldestDue(db, now), db.cronRun.findMany()]);
  const queues = (Object.entries(queuesByName) as Array<[QueueName, Oldest]>).map(([queue, { due, oldest }]) => {
    const oldestDueAgeSec = oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : 0;
    return { queue, due, oldestDueAgeSec, stalled: oldestDueAgeSec > QUEUE_STALL_MINUTES * 60 };
  });
  const byId = new Map(runs.map((r) => [r.functionId, r]));
  // Schedules have been running since the first recorded run of any of them: a
  // daily job that has not run yet is only late once a day has passed since then.
  const runningSince = runs.reduce<number | null>((min, r) => Math.min(min ?? Infinity, r.createdAt.getTime()), null);
  const crons = schedules.map((s): CronHealth => {
    const run = byId.get(s.functionId);
    const lastOkAt = run?.lastOkAt ?? null;
    const allowedGapMs = (2 * s.periodMinutes + CRON_GRACE_MINUTES) * 60_000;
    const reference = lastOkAt?.getTime() ?? runningSince;
    return {
      functionId: s.functionId,
      cron: s.cron,
      lastOkAt,
      lastFailedAt: run?.lastFailedAt ?? null,
      lastError: run?.lastError ?? null,
      stalled: reference === null || now.getTime() - reference > allowedGapMs,
    };
  });
  const stalled = [
    ...queues.filter((q) => q.stalled).map((q) => `queue:${q.queue}`),
    ...crons.filter((c) => c.stalled).map((c) => `cron:${c.functionId}`),
  ];
  return { queues, crons, stalled };
}
