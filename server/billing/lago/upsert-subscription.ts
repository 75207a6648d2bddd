/**
 * Lago's POST /subscriptions: a new external_id subscribes the customer; the
 * external_id of a live subscription with another plan_code changes its plan,
 * as Lago does: an upgrade (the new plan costs as much or more a year) takes
 * effect now, a downgrade at the end of the current period.
 */
import type { z } from "zod";
import type { apiSubscriptionCreateSchema } from "@/lib/validators/billing-api";
import type { Db } from "@/server/db";
import type { BillingPlan } from "@/server/generated/prisma/client";
import { getPlanByCodeOrThrow } from "../catalog/plans";
import { BillingError, refuseField } from "../errors";
import { startOfUtcDay } from "../subscriptions/billing-period";
import { changeSubscriptionPlan, createSubscription } from "../subscriptions/subscriptions";
import { dec } from "../wire";
import { getServiceCustomerOrThrow } from "./service-customer";
import { upgradeSubscriptionNow } from "./upgrade-subscription";

type Input = z.output<typeof apiSubscriptionCreateSchema>["subscription"];

const yearlyAmount = (plan: Pick<BillingPlan, "basePrice" | "interval">) => dec(plan.basePrice).times(plan.interval === "monthly" ? 12 : 1);

/** Calendar periods are ours too when the start is on a period boundary of the calendar. */
function checkBillingTime(input: Input, start: Date, plan: Pick<BillingPlan, "interval">) {
  if (input.billing_time !== "calendar") return;
  const onBoundary = start.getTime() === startOfUtcDay(start).getTime() && start.getUTCDate() === 1 && (plan.interval === "monthly" || start.getUTCMonth() === 0);
  if (!onBoundary) {
    refuseField(
      "subscription.billing_time",
      "calendar billing needs a subscription_at on the first day of a period (00:00 UTC); periods here run from the start date (anniversary)",
    );
  }
}

export async function upsertLagoSubscription(db: Db, serviceId: string, input: Input, now: Date = new Date()) {
  const link = await getServiceCustomerOrThrow(db, serviceId, input.external_customer_id, "subscription.external_customer_id");
  const plan = await getPlanByCodeOrThrow(db, input.plan_code);
  if (link.customer.currency && link.customer.currency !== plan.currency) {
    refuseField("subscription.plan_code", `Plan ${plan.code} is billed in ${plan.currency} but the customer's currency is ${link.customer.currency}`);
  }
  const existing = await db.billingSubscription.findUnique({
    where: { serviceId_externalId: { serviceId, externalId: input.external_id } },
    include: { plan: true },
  });
  if (!existing) {
    const start = input.subscription_at ? new Date(input.subscription_at) : startOfUtcDay(now);
    checkBillingTime(input, start, plan);
    const created = await createSubscription(db, { customerId: link.customerId, planId: plan.id, serviceId, externalId: input.external_id, startAt: start }, now);
    if (input.name) await db.billingSubscription.update({ where: { id: created.id }, data: { name: input.name } });
    return { id: created.id, created: true, previousPlanCode: null };
  }
  if (existing.customerId !== link.customerId) {
    refuseField("subscription.external_customer_id", `Subscription ${input.external_id} belongs to another customer`);
  }
  if (existing.status === "terminated") {
    throw new BillingError("conflict", `Subscription ${input.external_id} is terminated; subscribe again under a new external_id`, {
      field: "subscription.external_id",
    });
  }
  if (input.subscription_at && new Date(input.subscription_at).getTime() !== existing.startedAt.getTime()) {
    refuseField("subscription.subscription_at", "A running subscription keeps its start date; leave subscription_at out to change the plan");
  }
  if (existing.planId === plan.id) return { id: existing.id, created: false, previousPlanCode: null };
  if (existing.plan.currency !== plan.currency) {
    refuseField("subscription.plan_code", `Plan ${plan.code} is billed in ${plan.currency}, the subscription in ${existing.plan.currency}`);
  }
  if (yearlyAmount(plan).greaterThanOrEqualTo(yearlyAmount(existing.plan))) {
    await upgradeSubscriptionNow(db, existing.id, plan.id, now);
  } else {
    await changeSubscriptionPlan(db, existing.id, { planId: plan.id, effective: "next_period" });
  }
  if (input.name) await db.billingSubscription.update({ where: { id: existing.id }, data: { name: input.name } });
  return { id: existing.id, created: false, previousPlanCode: existing.plan.code };
}
