/** Pure charge math for usage billing: aggregation, metric rounding and charge models. */
export { BillingDecimal, toDecimal, roundMoney, MONEY_DECIMALS, type DecimalLike } from "./decimal";
export { roundQuantity, type MetricRounding } from "./round-quantity";
export { aggregateUsage, UsageAggregationError, type UsageCounter } from "./aggregate-usage";
export {
  rateCharge,
  ChargeConfigurationError,
  type ChargeTierSpec,
  type RateChargeInput,
  type RatedCharge,
  type TierCharge,
} from "./rate-charge";
