/**
 * A subscription as Lago returns it (SubscriptionObject). Our statuses map
 * onto Lago's: a subscription cancelled at period end is still "active" with
 * an ending_at (as in Lago), paused and past-due ones are active too, one
 * whose start lies ahead is "pending".
 */
import type { BillingPlan, BillingSubscription, Prisma } from "@/server/generated/prisma/client";
import { toCents } from "./minor-units";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What the Lago JSON needs, with the customer's external id as this service knows it. */
export function lagoSubscriptionInclude(serviceId: string) {
  return {
    plan: true,
    pendingPlan: { select: { code: true } },
    customer: { select: { billingAccountLinks: { where: { serviceId }, select: { externalId: true }, take: 1 } } },
  } satisfies Prisma.BillingSubscriptionInclude;
}

export type LagoSubscriptionRow = BillingSubscription & {
  plan: BillingPlan;
  pendingPlan: { code: string } | null;
  customer: { billingAccountLinks: Array<{ externalId: string }> };
};

export function lagoSubscriptionStatus(sub: Pick<BillingSubscription, "status" | "startedAt">, now: Date = new Date()) {
  if (sub.status === "terminated") return "terminated" as const;
  if (sub.startedAt.getTime() > now.getTime()) return "pending" as const;
  return "active" as const;
}

export function lagoSubscriptionJson(sub: LagoSubscriptionRow, previousPlanCode: string | null = null) {
  return {
    lago_id: sub.id,
    external_id: sub.externalId,
    lago_customer_id: sub.customerId,
    external_customer_id: sub.customer.billingAccountLinks[0]?.externalId ?? null,
    billing_time: "anniversary" as const,
    name: sub.name,
    plan_code: sub.plan.code,
    plan_amount_cents: toCents(sub.plan.basePrice, sub.plan.currency),
    plan_amount_currency: sub.plan.currency,
    status: lagoSubscriptionStatus(sub),
    created_at: sub.createdAt.toISOString(),
    canceled_at: null,
    started_at: iso(sub.startedAt),
    ending_at: sub.status === "cancelled" ? iso(sub.currentPeriodEnd) : sub.status === "terminated" ? iso(sub.terminatedAt) : null,
    subscription_at: sub.startedAt.toISOString(),
    terminated_at: iso(sub.terminatedAt),
    previous_plan_code: previousPlanCode,
    next_plan_code: sub.pendingPlan?.code ?? null,
    downgrade_plan_date: sub.pendingPlan ? iso(sub.currentPeriodEnd) : null,
    trial_ended_at: null,
    current_billing_period_started_at: iso(sub.currentPeriodStart),
    current_billing_period_ending_at: iso(sub.currentPeriodEnd),
    on_termination_credit_note: "skip" as const,
    on_termination_invoice: "generate" as const,
  };
}
