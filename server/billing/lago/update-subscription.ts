/**
 * Lago's PUT /subscriptions/:external_id. It renames and sets ending_at;
 * we honour an ending_at at the end of the current period (a cancel then)
 * and refuse any other date by name rather than ignore it. Our own plan
 * change (plan_code, effective) rides along for apps that used it.
 */
import type { z } from "zod";
import type { apiSubscriptionChangeSchema } from "@/lib/validators/billing-api";
import type { Db } from "@/server/db";
import { getPlanByCodeOrThrow } from "../catalog/plans";
import { refuseField } from "../errors";
import { cancelSubscriptionAtPeriodEnd, changeSubscriptionPlan } from "../subscriptions/subscriptions";
import { upgradeSubscriptionNow } from "./upgrade-subscription";

type Input = z.output<typeof apiSubscriptionChangeSchema>["subscription"];

export async function updateLagoSubscription(db: Db, subscriptionId: string, input: Input, now: Date = new Date()) {
  const sub = await db.billingSubscription.findUniqueOrThrow({ where: { id: subscriptionId } });
  if (input.subscription_at && new Date(input.subscription_at).getTime() !== sub.startedAt.getTime()) {
    refuseField("subscription.subscription_at", "The start date of a subscription cannot be moved");
  }
  if (input.ending_at && new Date(input.ending_at).getTime() !== sub.currentPeriodEnd.getTime()) {
    refuseField(
      "subscription.ending_at",
      `ending_at can only be the end of the current period (${sub.currentPeriodEnd.toISOString()}); terminate now with DELETE`,
    );
  }
  if (input.ending_at === null && sub.status === "cancelled") {
    await db.billingSubscription.update({ where: { id: sub.id }, data: { status: "active", cancelledAt: null } });
  }
  if (input.name !== undefined) await db.billingSubscription.update({ where: { id: sub.id }, data: { name: input.name } });
  if (input.plan_code) {
    const plan = await getPlanByCodeOrThrow(db, input.plan_code);
    if (input.effective === "immediately") await upgradeSubscriptionNow(db, sub.id, plan.id, now);
    else await changeSubscriptionPlan(db, sub.id, { planId: plan.id, effective: "next_period" });
  }
  if (input.ending_at && sub.status !== "cancelled") await cancelSubscriptionAtPeriodEnd(db, sub.id, now);
}
