/**
 * An upgrade that takes effect now: the days already run are invoiced on the
 * old plan (base prorated by day) and the rest of the period runs on the new
 * plan, whose base is prorated the same way when that period closes. A
 * subscription that has not started yet simply changes plan.
 */
import { appEnv } from "@/server/config-readers";
import type { Db } from "@/server/db";
import { dispatchBillingEvents, dispatchIssuedInvoices } from "../dispatch";
import { invalidState } from "../errors";
import { closeSubscriptionPeriod } from "../rating/close-period";
import { changeSubscriptionPlan } from "../subscriptions/subscriptions";

export async function upgradeSubscriptionNow(db: Db, subscriptionId: string, planId: string, now: Date = new Date()) {
  const sub = await db.billingSubscription.findUniqueOrThrow({ where: { id: subscriptionId }, select: { currentPeriodStart: true, status: true } });
  if (sub.status === "cancelled" || sub.status === "terminated") throw invalidState(`A ${sub.status} subscription cannot change plan`);
  if (sub.currentPeriodStart.getTime() >= now.getTime()) {
    return changeSubscriptionPlan(db, subscriptionId, { planId, effective: "immediately" });
  }
  const closed = await closeSubscriptionPeriod(db, subscriptionId, { now, changePlanTo: planId, dueDays: appEnv.billing().invoiceDueDays });
  await dispatchBillingEvents(closed.eventIds);
  await dispatchIssuedInvoices(closed.chargeableInvoiceIds);
  return closed;
}
