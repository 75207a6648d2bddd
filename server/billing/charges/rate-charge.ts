import Decimal from "decimal.js";
import { describeTierProblems, type ChargeModel } from "@/lib/validators/billing";
import { BillingDecimal, roundMoney, toDecimal, ZERO, type DecimalLike } from "./decimal";

/** One step of a graduated or volume price ladder; tiers cover (from, to]. */
export interface ChargeTierSpec {
  from: DecimalLike;
  /** null for the open-ended last tier. */
  to: DecimalLike | null;
  /** Price per unit batch inside this tier (up to 6 decimals). */
  unitPrice: DecimalLike;
  /** Charged once when any quantity falls in the tier. */
  flatFee?: DecimalLike;
}

export interface RateChargeInput {
  model: ChargeModel;
  /** The period's aggregated quantity, already rounded per the metric. */
  quantity: DecimalLike;
  /** Free quantity, consumed before any price or tier applies. Default 0. */
  includedQuota?: DecimalLike;
  /** standard: price per unit batch; package: price per package. */
  unitPrice?: DecimalLike;
  /** Quantity priced as one unit, rounded up (1000 = per 1k, 3600 = per hour). Default 1. */
  unitBatch?: DecimalLike | number;
  /** package model: quantity per package; every started package is charged. */
  packageSize?: DecimalLike | number;
  /** graduated and volume models: the price ladder, tiers start at 0 after the quota. */
  tiers?: readonly ChargeTierSpec[];
}

/** The part of a charge priced at one rate. */
export interface TierCharge {
  /** 0-based tier index; 0 for standard and package charges. */
  tierIndex: number;
  from: Decimal;
  to: Decimal | null;
  /** Billed quantity that fell in this tier (after rounding up to whole batches). */
  quantity: Decimal;
  /** Priced units in this tier: quantity ÷ unit batch, or packages. */
  units: Decimal;
  unitPrice: Decimal;
  flatFee: Decimal;
  /** units × unitPrice + flatFee, not rounded. */
  amount: Decimal;
}

export interface RatedCharge {
  model: ChargeModel;
  quantity: Decimal;
  includedQuota: Decimal;
  /** Quantity left after the included quota (never negative). */
  billableQuantity: Decimal;
  /** Quantity that makes one priced unit: the unit batch, or the package size. */
  unitBatch: Decimal;
  /** Whole priced units: ceil(billable ÷ unitBatch). */
  units: Decimal;
  /** units × unitBatch: the quantity actually charged for. */
  billedQuantity: Decimal;
  /** Line total rounded half-up to cents: the only rounding of money. */
  amount: Decimal;
  /** Line total before rounding, for audit and reconciliation. */
  exactAmount: Decimal;
  /** Empty when nothing is billable. */
  breakdown: TierCharge[];
}

/** The charge is configured in a way that cannot be priced (bad tiers, batch 0, …). */
export class ChargeConfigurationError extends Error {
  override name = "ChargeConfigurationError";
}

function positiveWhole(value: DecimalLike | number | undefined, label: string, fallback: number): Decimal {
  if (value === undefined) return new BillingDecimal(fallback);
  const d = typeof value === "number" ? new BillingDecimal(value) : toDecimal(value, label);
  if (!d.isInteger() || d.lessThanOrEqualTo(0)) {
    throw new ChargeConfigurationError(`${label} must be a whole number greater than 0, got ${d.toString()}`);
  }
  return d;
}

function nonNegative(value: DecimalLike | undefined, label: string, required: boolean): Decimal {
  if (value === undefined) {
    if (required) throw new ChargeConfigurationError(`${label} is required`);
    return ZERO;
  }
  const d = toDecimal(value, label);
  if (d.isNegative()) throw new ChargeConfigurationError(`${label} cannot be negative, got ${d.toString()}`);
  return d;
}

interface NormalTier {
  from: Decimal;
  to: Decimal | null;
  unitPrice: Decimal;
  flatFee: Decimal;
}

function normaliseTiers(model: ChargeModel, tiers: readonly ChargeTierSpec[] | undefined): NormalTier[] {
  const list = tiers ?? [];
  const problems = describeTierProblems(list);
  if (problems.length > 0) {
    throw new ChargeConfigurationError(`Invalid ${model} tiers: ${problems.map((p) => p.message).join("; ")}`);
  }
  return list.map((t, i) => ({
    from: toDecimal(t.from, `tiers[${i}].from`),
    to: t.to === null ? null : toDecimal(t.to, `tiers[${i}].to`),
    unitPrice: toDecimal(t.unitPrice, `tiers[${i}].unitPrice`),
    flatFee: t.flatFee === undefined ? ZERO : toDecimal(t.flatFee, `tiers[${i}].flatFee`),
  }));
}

function ceilDiv(a: Decimal, b: Decimal): Decimal {
  return a.dividedBy(b).toDecimalPlaces(0, Decimal.ROUND_CEIL);
}

/**
 * Prices one metric's usage for a period (Lago-shaped charge models):
 * - standard: ceil(billable ÷ unitBatch) units × unitPrice;
 * - graduated: the billed quantity is split across tiers, each slice priced
 *   at its tier's price (per unit batch), plus each touched tier's flat fee;
 * - package: ceil(billable ÷ packageSize) packages × unitPrice;
 * - volume: the whole billed quantity at the price of the tier it lands in,
 *   plus that tier's flat fee.
 * The included quota is free and comes off first; tiers start at 0 after it.
 * Partial batches are rounded up to a whole batch before tiers apply, so
 * 100.000001 units at batch 1 are billed as 101. Nothing billable gives $0
 * and no breakdown (no flat fees either).
 */
export function rateCharge(input: RateChargeInput): RatedCharge {
  const quantity = toDecimal(input.quantity, "quantity");
  if (quantity.isNegative()) throw new ChargeConfigurationError(`quantity cannot be negative, got ${quantity.toString()}`);
  const includedQuota = nonNegative(input.includedQuota, "includedQuota", false);
  const billableQuantity = BillingDecimal.max(quantity.minus(includedQuota), ZERO);
  const isPackage = input.model === "package";
  if (isPackage && input.packageSize === undefined) {
    throw new ChargeConfigurationError("packageSize is required for the package model");
  }
  const unitBatch = isPackage
    ? positiveWhole(input.packageSize, "packageSize", 1)
    : positiveWhole(input.unitBatch, "unitBatch", 1);
  const units = ceilDiv(billableQuantity, unitBatch);
  const billedQuantity = units.times(unitBatch);

  let breakdown: TierCharge[] = [];
  switch (input.model) {
    case "standard":
    case "package": {
      const unitPrice = nonNegative(input.unitPrice, "unitPrice", true);
      if (units.greaterThan(0)) {
        breakdown = [
          {
            tierIndex: 0,
            from: ZERO,
            to: null,
            quantity: billedQuantity,
            units,
            unitPrice,
            flatFee: ZERO,
            amount: units.times(unitPrice),
          },
        ];
      }
      break;
    }
    case "graduated": {
      const tiers = normaliseTiers(input.model, input.tiers);
      if (units.isZero()) break;
      tiers.forEach((tier, tierIndex) => {
        const top = tier.to === null ? billedQuantity : BillingDecimal.min(billedQuantity, tier.to);
        const slice = top.minus(tier.from);
        if (slice.lessThanOrEqualTo(0)) return;
        const sliceUnits = slice.dividedBy(unitBatch);
        breakdown.push({
          tierIndex,
          from: tier.from,
          to: tier.to,
          quantity: slice,
          units: sliceUnits,
          unitPrice: tier.unitPrice,
          flatFee: tier.flatFee,
          amount: sliceUnits.times(tier.unitPrice).plus(tier.flatFee),
        });
      });
      break;
    }
    case "volume": {
      const tiers = normaliseTiers(input.model, input.tiers);
      if (units.isZero()) break;
      const tierIndex = tiers.findIndex((t) => t.to === null || billedQuantity.lessThanOrEqualTo(t.to));
      const tier = tiers[tierIndex];
      if (!tier) throw new ChargeConfigurationError("No volume tier covers the quantity");
      breakdown = [
        {
          tierIndex,
          from: tier.from,
          to: tier.to,
          quantity: billedQuantity,
          units,
          unitPrice: tier.unitPrice,
          flatFee: tier.flatFee,
          amount: units.times(tier.unitPrice).plus(tier.flatFee),
        },
      ];
      break;
    }
    default: {
      const unknown: never = input.model;
      throw new ChargeConfigurationError(`Unknown charge model: ${String(unknown)}`);
    }
  }

  const exactAmount = breakdown.reduce((acc, part) => acc.plus(part.amount), ZERO);
  return {
    model: input.model,
    quantity,
    includedQuota,
    billableQuantity,
    unitBatch,
    units,
    billedQuantity,
    amount: roundMoney(exactAmount),
    exactAmount,
    breakdown,
  };
}
