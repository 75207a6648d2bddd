/** The rating run (cron and "Run rating now"): refreshes the draft invoice of every running period. */
import type { Db } from "@/server/db";
import { isolateRating } from "./rating-failures";
import { lockSubscription, RATING_INCLUDE, refreshDraftInvoice } from "./refresh-draft-invoice";

export interface RatingRunResult {
  rated: number;
  /** Subscriptions that could not be rated (recorded in BillingRatingFailure; the others were still rated). */
  failed: number;
  eventIds: string[];
}

/** Re-rates one subscription's current period into its draft invoice. */
export async function rateSubscription(db: Db, subscriptionId: string, now: Date = new Date()): Promise<RatingRunResult> {
  return db.$transaction(
    async (tx) => {
      await lockSubscription(tx, subscriptionId);
      const sub = await tx.billingSubscription.findUnique({ where: { id: subscriptionId }, include: RATING_INCLUDE });
      // Shadow subscriptions (legacy dual-run) are never rated.
      if (!sub || sub.status === "terminated" || sub.shadow) return { rated: 0, failed: 0, eventIds: [] };
      const r = await refreshDraftInvoice(tx, sub, { start: sub.currentPeriodStart, end: sub.currentPeriodEnd }, now);
      return { rated: r.refreshed ? 1 : 0, failed: 0, eventIds: r.eventIds };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Rates every subscription that is not terminated (or just `subscriptionId`), in pages. */
export async function rateOpenPeriods(db: Db, opts: { now?: Date; subscriptionId?: string } = {}): Promise<RatingRunResult> {
  const now = opts.now ?? new Date();
  const result: RatingRunResult = { rated: 0, failed: 0, eventIds: [] };
  const rateOne = async (id: string) => {
    const r = await isolateRating(db, id, "rate", () => rateSubscription(db, id, now));
    if (!r) result.failed += 1;
    result.rated += r?.rated ?? 0;
    result.eventIds.push(...(r?.eventIds ?? []));
  };
  if (opts.subscriptionId) {
    await rateOne(opts.subscriptionId);
    return result;
  }
  let cursor: string | undefined;
  for (;;) {
    const page = await db.billingSubscription.findMany({
      where: { status: { not: "terminated" }, shadow: false },
      select: { id: true },
      orderBy: { id: "asc" },
      take: 200,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const { id } of page) await rateOne(id);
    if (page.length < 200) break;
    cursor = page[page.length - 1]?.id;
  }
  return result;
}
