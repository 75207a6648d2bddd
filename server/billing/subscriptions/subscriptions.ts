/**
 * Subscriptions: create, change plan (next period by default; proration is
 * out of scope), cancel at period end, pause/resume, list. Terminating now is
 * a period close (rating/close-period.ts) because it issues the final invoice.
 */
import { subscriptionCreateSchema, type SubscriptionCreateInput, type SubscriptionStatus } from "@/lib/validators/billing";
import { SHADOW_SUBSCRIPTION_LOCKED } from "@/lib/validators/legacy-billing";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { BillingError, invalidState, isUniqueViolation, notFound } from "../errors";
import { firstPeriod, startOfUtcDay } from "./billing-period";

/** Refuses changes to shadow subscriptions, so none is edited into a live, billed one by accident. */
export function assertNotShadow(sub: { shadow: boolean }): void {
  if (sub.shadow) throw invalidState(SHADOW_SUBSCRIPTION_LOCKED, { reason: "shadow_subscription" });
}

/** For actions that live elsewhere (terminate is a period close): the subscription, refused when it is a shadow. */
export async function assertLiveSubscription(db: DbOrTx, subscriptionId: string): Promise<void> {
  const sub = await db.billingSubscription.findUnique({ where: { id: subscriptionId }, select: { shadow: true } });
  if (!sub) throw notFound("Subscription", subscriptionId);
  assertNotShadow(sub);
}

export async function createSubscription(db: DbOrTx, input: SubscriptionCreateInput, now: Date = new Date()) {
  const data = subscriptionCreateSchema.parse(input);
  const [customer, plan, service] = await Promise.all([
    db.customer.findUnique({ where: { id: data.customerId }, select: { id: true } }),
    db.billingPlan.findUnique({ where: { id: data.planId }, select: { id: true, interval: true, active: true, code: true } }),
    db.billingService.findUnique({ where: { id: data.serviceId }, select: { id: true } }),
  ]);
  if (!customer) throw notFound("Customer", data.customerId);
  if (!plan) throw notFound("Plan", data.planId);
  if (!plan.active) throw invalidState(`Plan ${plan.code} is archived and takes no new subscriptions`, { field: "planId" });
  if (!service) throw notFound("Service", data.serviceId);
  const start = data.startAt ?? startOfUtcDay(now);
  const period = firstPeriod(start, plan.interval);
  try {
    return await db.billingSubscription.create({
      data: {
        customerId: customer.id,
        planId: plan.id,
        serviceId: service.id,
        externalId: data.externalId,
        startedAt: start,
        currentPeriodStart: period.start,
        currentPeriodEnd: period.end,
      },
      include: { plan: { select: { code: true } } },
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new BillingError("conflict", `This service already has a subscription with external id ${data.externalId}`, {
        field: "externalId",
      });
    }
    throw error;
  }
}

/**
 * Moves a subscription to another plan. By default the change waits for the
 * next period (the current one is billed on the old plan); `immediately`
 * re-prices the running period on the new plan, without proration.
 */
export async function changeSubscriptionPlan(
  db: DbOrTx,
  subscriptionId: string,
  input: { planId: string; effective?: "next_period" | "immediately" },
) {
  const sub = await db.billingSubscription.findUnique({ where: { id: subscriptionId }, select: { id: true, status: true, planId: true, shadow: true } });
  if (!sub) throw notFound("Subscription", subscriptionId);
  assertNotShadow(sub);
  if (sub.status === "terminated" || sub.status === "cancelled") {
    throw invalidState(`A ${sub.status} subscription cannot change plan`);
  }
  const plan = await db.billingPlan.findUnique({ where: { id: input.planId }, select: { id: true, active: true, code: true } });
  if (!plan) throw notFound("Plan", input.planId);
  if (!plan.active) throw invalidState(`Plan ${plan.code} is archived`);
  const data: Prisma.BillingSubscriptionUncheckedUpdateInput =
    input.effective === "immediately"
      ? { planId: plan.id, pendingPlanId: null }
      : { pendingPlanId: plan.id === sub.planId ? null : plan.id };
  return db.billingSubscription.update({
    where: { id: sub.id },
    data,
    include: { plan: { select: { code: true } }, pendingPlan: { select: { code: true } } },
  });
}

/** Cancels at the end of the current period: usage is still billed until then, then it terminates. */
export async function cancelSubscriptionAtPeriodEnd(db: DbOrTx, subscriptionId: string, now: Date = new Date()) {
  const sub = await db.billingSubscription.findUnique({ where: { id: subscriptionId }, select: { status: true, shadow: true } });
  if (!sub) throw notFound("Subscription", subscriptionId);
  assertNotShadow(sub);
  if (sub.status === "terminated") throw invalidState("The subscription is already terminated");
  return db.billingSubscription.update({
    where: { id: subscriptionId },
    data: { status: "cancelled", cancelledAt: now, pendingPlanId: null },
    include: { plan: { select: { code: true } }, pendingPlan: { select: { code: true } } },
  });
}

/** Pause (usage still billed, base price not) or resume a subscription. */
export async function setSubscriptionPaused(db: DbOrTx, subscriptionId: string, paused: boolean, now: Date = new Date()) {
  const sub = await db.billingSubscription.findUnique({ where: { id: subscriptionId }, select: { status: true, shadow: true } });
  if (!sub) throw notFound("Subscription", subscriptionId);
  assertNotShadow(sub);
  if (paused && sub.status !== "active" && sub.status !== "past_due") throw invalidState(`A ${sub.status} subscription cannot be paused`);
  if (!paused && sub.status !== "paused") throw invalidState("Only a paused subscription can be resumed");
  return db.billingSubscription.update({
    where: { id: subscriptionId },
    data: paused ? { status: "paused", pausedAt: now } : { status: "active", pausedAt: null },
  });
}

export async function listSubscriptions(
  db: DbOrTx,
  opts: { status?: SubscriptionStatus; kind?: "live" | "shadow"; search?: string; customerId?: string; page: number; pageSize: number },
) {
  const search = opts.search?.trim();
  const where: Prisma.BillingSubscriptionWhereInput = {
    ...(opts.status ? { status: opts.status } : {}),
    ...(opts.kind ? { shadow: opts.kind === "shadow" } : {}),
    ...(opts.customerId ? { customerId: opts.customerId } : {}),
    ...(search
      ? {
          OR: [
            { externalId: { contains: search, mode: "insensitive" } },
            { customer: { name: { contains: search, mode: "insensitive" } } },
            { plan: { code: { contains: search, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.billingSubscription.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: {
        customer: { select: { id: true, name: true } },
        plan: { select: { id: true, code: true, name: true, currency: true } },
        pendingPlan: { select: { code: true, name: true } },
        service: { select: { code: true } },
      },
    }),
    db.billingSubscription.count({ where }),
  ]);
  return { rows, total, page: opts.page, pageSize: opts.pageSize };
}

/** A service's subscription by its external id (services never see each other's). */
export async function getServiceSubscriptionOrThrow(db: DbOrTx, serviceId: string, externalId: string) {
  const sub = await db.billingSubscription.findUnique({
    where: { serviceId_externalId: { serviceId, externalId } },
    include: { plan: { select: { code: true } }, pendingPlan: { select: { code: true } } },
  });
  if (!sub) throw new BillingError("not_found", `Subscription ${externalId} was not found`, { external_id: externalId });
  return sub;
}
