/**
 * Subscriptions a rating run could not rate. One bad subscription (a usage
 * total whose amount cannot be stored, a broken plan) is recorded here and
 * skipped, so every other subscription is still rated; the console lists the
 * rows until the subscription rates again.
 */
import type { Db, DbOrTx } from "@/server/db";
import { mapError } from "@/server/errors/map-error";

export type RatingStage = "rate" | "close";

export interface RatingFailureView {
  subscriptionId: string;
  externalId: string | null;
  customerName: string | null;
  stage: RatingStage;
  message: string;
  failures: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
}

/** Runs `work` for one subscription; a failure is recorded (not thrown) and reported as `null`. */
export async function isolateRating<T>(db: Db, subscriptionId: string, stage: RatingStage, work: () => Promise<T>): Promise<T | null> {
  try {
    const result = await work();
    await db.billingRatingFailure.deleteMany({ where: { subscriptionId, stage } });
    return result;
  } catch (error) {
    const mapped = mapError(error, `billing.rating.${stage}`);
    // A database outage is not this subscription's fault: let the whole run fail and retry.
    if (mapped.status === 503) throw error;
    const message = mapped.status === 500 ? mapped.message : `${mapped.message}. Check this subscription's usage and plan.`;
    const now = new Date();
    await db.billingRatingFailure.upsert({
      where: { subscriptionId },
      create: { subscriptionId, stage, message, firstFailedAt: now, lastFailedAt: now },
      update: { stage, message, lastFailedAt: now, failures: { increment: 1 } },
    });
    return null;
  }
}

/** Every recorded failure with the subscription's external id and customer, newest first. */
export async function listRatingFailures(db: DbOrTx): Promise<RatingFailureView[]> {
  const rows = await db.billingRatingFailure.findMany({ orderBy: { lastFailedAt: "desc" }, take: 200 });
  const subs = await db.billingSubscription.findMany({
    where: { id: { in: rows.map((r) => r.subscriptionId) } },
    select: { id: true, externalId: true, customer: { select: { name: true } } },
  });
  const byId = new Map(subs.map((s) => [s.id, s]));
  return rows.map((r) => ({
    subscriptionId: r.subscriptionId,
    externalId: byId.get(r.subscriptionId)?.externalId ?? null,
    customerName: byId.get(r.subscriptionId)?.customer.name ?? null,
    stage: r.stage as RatingStage,
    message: r.message,
    failures: r.failures,
    firstFailedAt: r.firstFailedAt,
    lastFailedAt: r.lastFailedAt,
  }));
}
