/** Plans: create, update, list, read with charges. */
import { minorUnitProblem } from "@/lib/currency";
import { planSchema, type PlanInput } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";
import { BillingError, isUniqueViolation, notFound } from "../errors";

function planData(input: PlanInput) {
  const plan = planSchema.parse(input);
  const problem = minorUnitProblem(plan.basePrice, plan.currency);
  if (problem) throw new BillingError("validation_failed", problem, { fieldErrors: { basePrice: problem } });
  return { ...plan, description: plan.description ?? null };
}

export async function createPlan(db: DbOrTx, input: PlanInput) {
  const data = planData(input);
  try {
    return await db.billingPlan.create({ data });
  } catch (error) {
    if (isUniqueViolation(error)) throw new BillingError("conflict", `A plan with code ${data.code} already exists`, { field: "code" });
    throw error;
  }
}

/**
 * Updates a plan. Price and interval changes apply from each subscription's
 * next rating onwards; issued invoices keep what they printed.
 */
export async function updatePlan(db: DbOrTx, id: string, input: PlanInput & { active?: boolean }) {
  const data = planData(input);
  const current = await db.billingPlan.findUnique({ where: { id }, include: { _count: { select: { subscriptions: true } } } });
  if (!current) throw notFound("Plan", id);
  if (current.code !== data.code && current._count.subscriptions > 0) {
    throw new BillingError("invalid_state", `The code of ${current.code} cannot change while subscriptions use it`, { field: "code" });
  }
  try {
    return await db.billingPlan.update({ where: { id }, data: { ...data, ...(input.active === undefined ? {} : { active: input.active }) } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new BillingError("conflict", `A plan with code ${data.code} already exists`, { field: "code" });
    throw error;
  }
}

export async function listPlans(db: DbOrTx, opts: { activeOnly?: boolean } = {}) {
  const rows = await db.billingPlan.findMany({
    where: opts.activeOnly ? { active: true } : {},
    orderBy: { code: "asc" },
    include: {
      charges: { include: { metric: true }, orderBy: { createdAt: "asc" } },
      _count: { select: { subscriptions: true } },
    },
  });
  return rows.map(({ _count, ...p }) => ({ ...p, subscriptionCount: _count.subscriptions }));
}

export async function getPlanOrThrow(db: DbOrTx, id: string) {
  const plan = await db.billingPlan.findUnique({
    where: { id },
    include: { charges: { include: { metric: true }, orderBy: { createdAt: "asc" } }, _count: { select: { subscriptions: true } } },
  });
  if (!plan) throw notFound("Plan", id);
  const { _count, ...rest } = plan;
  return { ...rest, subscriptionCount: _count.subscriptions };
}

export async function getPlanByCodeOrThrow(db: DbOrTx, code: string) {
  const plan = await db.billingPlan.findUnique({ where: { code }, include: { charges: { include: { metric: true } } } });
  if (!plan) throw new BillingError("not_found", `Plan ${code} was not found`, { field: "plan_code" });
  return plan;
}
