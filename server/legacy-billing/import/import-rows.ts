/**
 * One legacy row → what it becomes in Switchboard, for the three import
 * phases. Each `plan…` function decides (and validates) without writing; each
 * `apply…` function writes inside the caller's transaction, upserting on the
 * row's stable key (LegacyShadowRecord kind + legacy id), so a re-run updates
 * and never duplicates.
 */
import crypto from "node:crypto";
import type { Prisma } from "@/server/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import type { LegacyPlan, LegacySubscription, LegacyUser } from "../source/open-legacy-source";
import { normaliseCountry } from "./normalise-country";

export type ImportEntity = "user" | "plan" | "subscription";
export const LEGACY_SERVICE_CODE = "legacy-billing";
export const CPU_METRIC_CODE = "cpu_seconds";
/** The legacy CPU price: 0.0075 per started 3600-second package beyond the quota. */
export const CPU_PACKAGE_PRICE = "0.0075";
export const CPU_PACKAGE_SIZE = 3600;
export const SHADOW_CURRENCY = "CAD";

/** Why a row cannot be imported; the run records it as `failed` and goes on. */
export class RowFailure extends Error {
  override name = "RowFailure";
}

/** A row whose parent did not import; recorded as `skipped`. */
export class RowSkipped extends Error {
  override name = "RowSkipped";
}

function fingerprint(value: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MONEY = /^\d{1,12}(\.\d{1,3})?$/;

export interface UserPlan {
  email: string;
  fields: {
    name: string;
    email: string;
    addressLine1: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
    country: string | null;
    taxId: string | null;
  };
  stripeCustomerId: string | null;
  fingerprint: string;
}

export function planUser(user: LegacyUser): UserPlan {
  const email = (user.billingEmail?.trim() || user.email?.trim() || "").toLowerCase();
  if (!email) throw new RowFailure("no e-mail address (email and billing_email are empty)");
  if (!EMAIL.test(email)) throw new RowFailure(`e-mail address "${email}" is not valid`);
  const country = user.billingCountry?.trim() ? normaliseCountry(user.billingCountry) : null;
  if (user.billingCountry?.trim() && !country) throw new RowFailure(`unknown country "${user.billingCountry}"`);
  const fields = {
    name: user.company?.trim() || user.fullName?.trim() || email,
    email,
    addressLine1: user.billingAddress?.trim() || null,
    city: user.billingCity?.trim() || null,
    region: user.billingState?.trim() || null,
    postalCode: user.billingPostalCode?.trim() || null,
    country,
    taxId: user.taxId?.trim() || null,
  };
  const stripeCustomerId = user.stripeCustomerId?.trim() || null;
  return { email, fields, stripeCustomerId, fingerprint: fingerprint({ fields, stripeCustomerId }) };
}

export interface PlanPlan {
  monthly: string;
  yearly: string;
  quota: string;
  name: string;
  fingerprint: string;
}

export function planPlan(plan: LegacyPlan): PlanPlan {
  if (!plan.name?.trim()) throw new RowFailure("plan has no name");
  for (const [label, value] of [
    ["price_monthly", plan.priceMonthly],
    ["price_yearly", plan.priceYearly],
  ] as const) {
    if (!MONEY.test(String(value))) throw new RowFailure(`${label} "${value}" is not a price`);
  }
  if (!/^\d+$/.test(String(plan.cpuSecondsQuota))) throw new RowFailure(`cpu_seconds_quota "${plan.cpuSecondsQuota}" is not a whole number`);
  const p = { monthly: String(plan.priceMonthly), yearly: String(plan.priceYearly), quota: String(plan.cpuSecondsQuota), name: plan.name.trim() };
  return { ...p, fingerprint: fingerprint(p) };
}

const STATUS = { active: "active", past_due: "past_due", paused: "paused", cancelled: "cancelled", trialing: "active" } as const;

export interface SubscriptionPlan {
  status: (typeof STATUS)[keyof typeof STATUS];
  cycle: "monthly" | "yearly";
  fingerprint: string;
}

/** Validates a subscription's own fields; its user and plan are checked by the run. */
export function planSubscription(sub: LegacySubscription): SubscriptionPlan {
  if (!(sub.status in STATUS)) throw new RowFailure(`unknown status "${sub.status}"`);
  if (sub.billingCycle !== "monthly" && sub.billingCycle !== "yearly") throw new RowFailure(`unknown billing cycle "${sub.billingCycle}"`);
  if (!(sub.currentPeriodEnd > sub.currentPeriodStart)) throw new RowFailure("current period ends before it starts");
  const p = {
    status: STATUS[sub.status as keyof typeof STATUS],
    cycle: sub.billingCycle,
    user: sub.userId,
    plan: sub.planId,
    start: sub.currentPeriodStart.toISOString(),
    end: sub.currentPeriodEnd.toISOString(),
    legacyStatus: sub.status,
  };
  return { status: p.status, cycle: sub.billingCycle, fingerprint: fingerprint(p) };
}

type ShadowData = Record<string, unknown> & { fingerprint?: string };

export async function findShadow(db: DbOrTx, kind: ImportEntity, legacyId: string) {
  const row = await db.legacyShadowRecord.findUnique({ where: { kind_legacyId: { kind, legacyId } } });
  return row ? { ...row, data: row.data as ShadowData } : null;
}

/** created / updated / unchanged against what an earlier live run stored. */
export async function compareShadow(db: DbOrTx, kind: ImportEntity, legacyId: string, print: string) {
  const existing = await findShadow(db, kind, legacyId);
  if (!existing) return "created" as const;
  return existing.data.fingerprint === print ? ("unchanged" as const) : ("updated" as const);
}

async function saveShadow(tx: Prisma.TransactionClient, kind: ImportEntity, legacyId: string, targetId: string, data: ShadowData) {
  const json = data as Prisma.InputJsonValue;
  await tx.legacyShadowRecord.upsert({
    where: { kind_legacyId: { kind, legacyId } },
    create: { kind, legacyId, targetId, data: json },
    update: { targetId, data: json },
  });
}

/** The service shadow subscriptions belong to; it has no usable API key. */
export async function ensureLegacyService(tx: Prisma.TransactionClient): Promise<string> {
  const existing = await tx.billingService.findUnique({ where: { code: LEGACY_SERVICE_CODE }, select: { id: true } });
  if (existing) return existing.id;
  const unusable = crypto.createHash("sha256").update(crypto.randomBytes(32)).digest("hex");
  const created = await tx.billingService.create({
    data: { code: LEGACY_SERVICE_CODE, name: "Legacy billing (shadow)", apiKeyHash: unusable, apiKeyPrefix: "none", active: false },
  });
  return created.id;
}

async function ensureCpuMetric(tx: Prisma.TransactionClient): Promise<string> {
  const metric = await tx.billingMetric.upsert({
    where: { code: CPU_METRIC_CODE },
    create: { code: CPU_METRIC_CODE, name: "CPU seconds", aggregation: "sum", unitLabel: "s", fieldName: "cpu_seconds" },
    update: {},
    select: { id: true },
  });
  return metric.id;
}

/**
 * Customer through the identity link (service + legacy user id). A new
 * legacy user with the e-mail of an existing customer is linked to that
 * customer, whose own details are not overwritten. The Stripe customer id is
 * kept on the shadow record for the flip, never on the customer, and no
 * payment method is attached.
 */
export async function applyUser(tx: Prisma.TransactionClient, user: LegacyUser, plan: UserPlan): Promise<void> {
  const serviceId = await ensureLegacyService(tx);
  const link = await tx.billingAccountLink.findUnique({ where: { serviceId_externalId: { serviceId, externalId: user.id } } });
  const shadow = await findShadow(tx, "user", user.id);
  let customerId: string;
  let ownedByImport = Boolean(shadow?.data.ownedByImport);
  if (link) {
    customerId = link.customerId;
    if (ownedByImport) await tx.customer.update({ where: { id: customerId }, data: plan.fields });
  } else {
    const sameEmail = await tx.customer.findFirst({ where: { email: { equals: plan.email, mode: "insensitive" } }, select: { id: true } });
    ownedByImport = !sameEmail;
    customerId = sameEmail ? sameEmail.id : (await tx.customer.create({ data: plan.fields, select: { id: true } })).id;
    await tx.billingAccountLink.create({ data: { serviceId, externalId: user.id, customerId, externalEmail: plan.email } });
  }
  await saveShadow(tx, "user", user.id, customerId, { fingerprint: plan.fingerprint, stripeCustomerId: plan.stripeCustomerId, ownedByImport });
}

/** Monthly and yearly plans (inactive: never offered to new subscriptions) with the CPU package charge. */
export async function applyPlan(tx: Prisma.TransactionClient, legacy: LegacyPlan, plan: PlanPlan): Promise<void> {
  const metricId = await ensureCpuMetric(tx);
  const ids: Record<"monthly" | "yearly", string> = { monthly: "", yearly: "" };
  for (const interval of ["monthly", "yearly"] as const) {
    const code = `legacy-${legacy.id}-${interval}`;
    const data = { name: `${plan.name} (legacy, ${interval})`, interval, basePrice: plan[interval], currency: SHADOW_CURRENCY, active: false };
    const row = await tx.billingPlan.upsert({ where: { code }, create: { code, ...data }, update: data, select: { id: true } });
    const charge = { model: "package" as const, includedQuota: plan.quota, unitPrice: CPU_PACKAGE_PRICE, unitBatch: 1, packageSize: CPU_PACKAGE_SIZE };
    await tx.billingCharge.upsert({
      where: { planId_metricId: { planId: row.id, metricId } },
      create: { planId: row.id, metricId, ...charge },
      update: charge,
    });
    ids[interval] = row.id;
  }
  await saveShadow(tx, "plan", legacy.id, ids.monthly, { fingerprint: plan.fingerprint, yearlyPlanId: ids.yearly, name: plan.name });
}

/** One shadow subscription per legacy subscription (one per deployment), its flat price set from the cycle's price. */
export async function applySubscription(tx: Prisma.TransactionClient, sub: LegacySubscription, plan: SubscriptionPlan): Promise<void> {
  const serviceId = await ensureLegacyService(tx);
  const user = await findShadow(tx, "user", sub.userId);
  const legacyPlan = sub.planId ? await findShadow(tx, "plan", sub.planId) : null;
  if (!user || !legacyPlan) throw new RowSkipped("its customer or plan was not imported");
  const planId = plan.cycle === "monthly" ? legacyPlan.targetId : String(legacyPlan.data.yearlyPlanId);
  const billingPlan = await tx.billingPlan.findUniqueOrThrow({ where: { id: planId }, select: { basePrice: true } });
  const data = {
    customerId: user.targetId,
    planId,
    name: `Legacy subscription ${sub.id}`,
    status: plan.status,
    shadow: true,
    startedAt: sub.createdAt,
    currentPeriodStart: sub.currentPeriodStart,
    currentPeriodEnd: sub.currentPeriodEnd,
  };
  const row = await tx.billingSubscription.upsert({
    where: { serviceId_externalId: { serviceId, externalId: sub.deploymentId } },
    create: { serviceId, externalId: sub.deploymentId, ...data },
    update: data,
    select: { id: true },
  });
  await saveShadow(tx, "subscription", sub.id, row.id, {
    fingerprint: plan.fingerprint,
    flatPrice: billingPlan.basePrice.toString(),
    cycle: plan.cycle,
    legacyStatus: sub.status,
    legacyPlanId: sub.planId,
    deploymentId: sub.deploymentId,
  });
}
