import Decimal from "decimal.js";
import type { RoundingMode } from "@/lib/validators/billing";
import { toDecimal, type DecimalLike } from "./decimal";

/** A metric's rounding rule, applied to the aggregated quantity before pricing. */
export interface MetricRounding {
  mode: RoundingMode;
  /** Decimal places kept (0 = whole units). Ignored for mode "none". */
  precision?: number;
}

const DECIMAL_MODE: Record<Exclude<RoundingMode, "none">, Decimal.Rounding> = {
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  half_up: Decimal.ROUND_HALF_UP,
};

/**
 * Rounds an aggregated quantity per the metric's rule, e.g. 3.0001 seconds
 * "up" to 0 places → 4. Quantities are never negative, so "up" means away from
 * zero and "down" means towards it.
 */
export function roundQuantity(quantity: DecimalLike, rounding: MetricRounding | undefined): Decimal {
  const q = toDecimal(quantity, "quantity");
  if (!rounding || rounding.mode === "none") return q;
  const precision = rounding.precision ?? 0;
  if (!Number.isInteger(precision) || precision < 0 || precision > 20) {
    throw new RangeError(`rounding precision must be a whole number from 0 to 20, got ${precision}`);
  }
  return q.toDecimalPlaces(precision, DECIMAL_MODE[rounding.mode]);
}
