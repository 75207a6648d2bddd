/** A plan's charges: one per metric, validated with the shared chargeSchema before storing. */
import { z } from "zod";
import { chargeSchema, chargeTierSchema, type ChargeInput, type ChargeTier } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";
import type { BillingCharge } from "@/server/generated/prisma/client";
import type { RateChargeInput } from "../charges";
import { BillingError, isUniqueViolation, notFound } from "../errors";
import { decimalString } from "../wire";

const storedTiersSchema = z.array(chargeTierSchema);

/** The tiers column as typed tiers; a malformed column is a configuration error, not a crash later. */
export function parseStoredTiers(value: unknown, chargeId: string): ChargeTier[] {
  const parsed = storedTiersSchema.safeParse(value ?? []);
  if (!parsed.success) {
    throw new BillingError("invalid_state", `Charge ${chargeId} has unreadable tiers: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** What rateCharge needs from a stored charge (everything but the quantity). */
export function chargeSpec(row: BillingCharge): Omit<RateChargeInput, "quantity"> {
  return {
    model: row.model,
    includedQuota: decimalString(row.includedQuota),
    unitPrice: decimalString(row.unitPrice),
    unitBatch: row.unitBatch,
    ...(row.packageSize === null ? {} : { packageSize: row.packageSize }),
    tiers: parseStoredTiers(row.tiers, row.id),
  };
}

/** Turns zod issues into `{ "tiers.1.from": "Tier 2 must start …" }` for forms and the API. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/** Adds or replaces the plan's charge for a metric (one charge per plan and metric). */
export async function saveCharge(db: DbOrTx, planId: string, input: ChargeInput & { id?: string }) {
  const parsed = chargeSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = issuesToFieldErrors(parsed.error.issues);
    throw new BillingError("validation_failed", Object.values(fieldErrors).join("; "), { fieldErrors });
  }
  const charge = parsed.data;
  const plan = await db.billingPlan.findUnique({ where: { id: planId }, select: { id: true } });
  if (!plan) throw notFound("Plan", planId);
  const metric = await db.billingMetric.findUnique({ where: { id: charge.metricId }, select: { id: true } });
  if (!metric) throw new BillingError("validation_failed", "Choose a metric that exists", { fieldErrors: { metricId: "Choose a metric that exists" } });
  const tiered = charge.model === "graduated" || charge.model === "volume";
  const data = {
    metricId: charge.metricId,
    model: charge.model,
    includedQuota: charge.includedQuota,
    unitPrice: charge.unitPrice,
    unitBatch: charge.unitBatch,
    packageSize: charge.model === "package" ? (charge.packageSize ?? null) : null,
    tiers: tiered ? charge.tiers.map((t) => ({ from: t.from, to: t.to, unitPrice: t.unitPrice, ...(t.flatFee ? { flatFee: t.flatFee } : {}) })) : [],
  };
  try {
    if (input.id) {
      const existing = await db.billingCharge.findFirst({ where: { id: input.id, planId } });
      if (!existing) throw notFound("Charge", input.id);
      return await db.billingCharge.update({ where: { id: input.id }, data });
    }
    return await db.billingCharge.create({ data: { ...data, planId } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new BillingError("conflict", "This plan already has a charge for that metric; edit it instead", {
        fieldErrors: { metricId: "This plan already prices that metric" },
      });
    }
    throw error;
  }
}

export async function deleteCharge(db: DbOrTx, planId: string, chargeId: string): Promise<void> {
  const { count } = await db.billingCharge.deleteMany({ where: { id: chargeId, planId } });
  if (count === 0) throw notFound("Charge", chargeId);
}
