import type Decimal from "decimal.js";
import type { Aggregation } from "@/lib/validators/billing";
import { BillingDecimal, toDecimal, ZERO, type DecimalLike } from "./decimal";
import { roundQuantity, type MetricRounding } from "./round-quantity";

/** One stored usage counter (an aggregated rollup pushed by a source app). */
export interface UsageCounter {
  quantity: DecimalLike;
  /** When the counter applies (typically the end of its window); orders `last`. */
  timestamp: Date;
  /** Identity counted by `unique_count` (e.g. an active user id). */
  uniqueKey?: string | null;
}

export class UsageAggregationError extends Error {
  override name = "UsageAggregationError";
}

/**
 * Combines a period's counters into one quantity:
 * - sum: total of quantities;
 * - max: the largest quantity (peak, e.g. concurrent seats);
 * - last: the quantity of the latest counter (ties: the later one in the list);
 * - unique_count: number of distinct `uniqueKey`s among counters with a quantity above 0.
 * No counters give 0. The metric's rounding, when given, applies to the result.
 */
export function aggregateUsage(
  aggregation: Aggregation,
  events: readonly UsageCounter[],
  options: { rounding?: MetricRounding } = {},
): Decimal {
  const quantities = events.map((e, i) => {
    const q = toDecimal(e.quantity, `usage[${i}].quantity`);
    if (q.isNegative()) throw new UsageAggregationError(`usage[${i}].quantity cannot be negative (${q.toString()})`);
    return q;
  });
  let result: Decimal;
  switch (aggregation) {
    case "sum":
      result = quantities.reduce((acc, q) => acc.plus(q), ZERO);
      break;
    case "max":
      result = quantities.reduce((acc, q) => (q.greaterThan(acc) ? q : acc), ZERO);
      break;
    case "last": {
      let latest = -Infinity;
      result = ZERO;
      events.forEach((e, i) => {
        const t = e.timestamp.getTime();
        if (Number.isNaN(t)) throw new UsageAggregationError(`usage[${i}].timestamp is not a valid date`);
        if (t >= latest) {
          latest = t;
          result = quantities[i] ?? ZERO;
        }
      });
      break;
    }
    case "unique_count": {
      const keys = new Set<string>();
      events.forEach((e, i) => {
        if (e.uniqueKey === undefined || e.uniqueKey === null || e.uniqueKey === "") {
          throw new UsageAggregationError(`usage[${i}] has no uniqueKey, which unique_count needs`);
        }
        if ((quantities[i] ?? ZERO).greaterThan(0)) keys.add(e.uniqueKey);
      });
      result = new BillingDecimal(keys.size);
      break;
    }
    default: {
      const unknown: never = aggregation;
      throw new UsageAggregationError(`Unknown aggregation: ${String(unknown)}`);
    }
  }
  return roundQuantity(result, options.rounding);
}
