/**
 * Billing schemas shared by the console forms, the tRPC procedures and the
 * Lago-shaped REST API (`/api/billing/v1`). Money and quantities travel as
 * decimal strings, never as JSON numbers: a number has already lost digits by
 * the time JSON.parse hands it to us.
 */
import Decimal from "decimal.js";
import { z } from "zod";
import { MAX_MINOR_UNIT_DIGITS } from "../currency";
import { storableString } from "./text";

// ---------------------------------------------------------------------------
// Enumerations (the single source for the server's charge math too)
// ---------------------------------------------------------------------------

export const AGGREGATIONS = ["sum", "max", "last", "unique_count"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const ROUNDING_MODES = ["none", "up", "down", "half_up"] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export const CHARGE_MODELS = ["standard", "graduated", "package", "volume"] as const;
export type ChargeModel = (typeof CHARGE_MODELS)[number];

/** Models whose price comes from tiers rather than the charge's own unit price. */
export const TIERED_CHARGE_MODELS: readonly ChargeModel[] = ["graduated", "volume"];

export const PLAN_INTERVALS = ["monthly", "yearly"] as const;
export type PlanInterval = (typeof PLAN_INTERVALS)[number];

export const TAX_BEHAVIOURS = ["exclusive", "inclusive"] as const;
export type TaxBehaviour = (typeof TAX_BEHAVIOURS)[number];

/** Price per unit precision (e.g. $0.000075 per API call). */
export const UNIT_PRICE_DECIMALS = 6;
/** Quantity precision stored for usage counters and quotas. */
export const QUANTITY_DECIMALS = 6;
/** Money amounts on invoices and plans. */
/** The most places a money amount may have (KWD's 3); each is further held to its own currency's places where it is used. */
export const MONEY_DECIMALS = MAX_MINOR_UNIT_DIGITS;
export const MAX_USAGE_BATCH_ITEMS = 1000;
/**
 * Largest quantity one usage counter may carry (10^15). Stored quantities hold
 * 24 integer digits, so a period can add up a billion counters at this size
 * without overflowing; anything bigger is a sender's bug, refused per item.
 */
export const MAX_USAGE_QUANTITY = "1000000000000000";

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
const SLUG_PATTERN = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;

function decimalPlaces(value: string): number {
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
}

/**
 * A non-negative decimal string with at most `maxDecimals` places, trimmed.
 * `label` starts each message so it reads on its own ("Price per unit …").
 */
export function decimalString(label: string, maxDecimals: number) {
  return z
    .string({
      error: (issue) =>
        typeof issue.input === "number"
          ? `${label} must be sent as a string such as "12.5" (JSON numbers can lose digits)`
          : `${label} is required`,
    })
    .trim()
    .superRefine((value, ctx) => {
      if (value === "") {
        ctx.addIssue({ code: "custom", message: `${label} is required` });
      } else if (value.startsWith("-")) {
        ctx.addIssue({ code: "custom", message: `${label} cannot be negative` });
      } else if (!DECIMAL_PATTERN.test(value)) {
        ctx.addIssue({ code: "custom", message: `${label} must be a number like 12 or 0.125 (digits and one dot)` });
      } else if (decimalPlaces(value) > maxDecimals) {
        ctx.addIssue({
          code: "custom",
          message: `${label} can have at most ${maxDecimals} decimal places (${value} has ${decimalPlaces(value)})`,
        });
      }
    });
}

function codeSlug(label: string) {
  return storableString(label)
    .trim()
    .min(1, `${label} is required`)
    .max(64, `${label} can be at most 64 characters`)
    .regex(SLUG_PATTERN, `${label} may contain lowercase letters, digits, "_" and "-" (e.g. cpu_seconds)`);
}

function wholeNumber(label: string, min: number) {
  return z.coerce
    .number({ error: `${label} must be a whole number` })
    .refine((n) => Number.isFinite(n), `${label} must be a whole number`)
    .refine((n) => Number.isInteger(n), `${label} must be a whole number`)
    .refine((n) => n >= min, min === 1 ? `${label} must be greater than 0` : `${label} must be at least ${min}`);
}

const SUPPORTED_CURRENCIES: ReadonlySet<string> | null = (() => {
  try {
    return new Set(Intl.supportedValuesOf("currency"));
  } catch {
    return null; // older runtimes: fall back to the shape check alone
  }
})();

// ---------------------------------------------------------------------------
// Metric
// ---------------------------------------------------------------------------

export const metricSchema = z.object({
  code: codeSlug("Metric code").describe("Stable code source apps push usage under, e.g. cpu_seconds"),
  name: storableString("Name").trim().min(1, "Name is required").max(120, "Name can be at most 120 characters"),
  aggregation: z
    .enum(AGGREGATIONS, { error: `Aggregation must be one of ${AGGREGATIONS.join(", ")}` })
    .describe("How a period's counters combine: sum, max, last or unique_count"),
  unitLabel: z
    .string()
    .trim()
    .min(1, "Unit label is required (e.g. seconds, calls, GB)")
    .max(32, "Unit label can be at most 32 characters"),
  rounding: z
    .enum(ROUNDING_MODES, { error: `Rounding must be one of ${ROUNDING_MODES.join(", ")}` })
    .default("none")
    .describe("Rounding applied to the aggregated quantity before pricing"),
  roundingPrecision: wholeNumber("Rounding precision", 0)
    .refine((n) => n <= QUANTITY_DECIMALS, `Rounding precision can be at most ${QUANTITY_DECIMALS} decimal places`)
    .default(0)
    .describe("Decimal places kept by the rounding (0 = whole units)"),
  fieldName: z
    .string()
    .trim()
    .max(100, "Event property can be at most 100 characters")
    .regex(/^[A-Za-z0-9_.-]*$/, "Event property is a key such as seconds or user_id")
    .nullish()
    .transform((v) => v || null)
    .describe("Lago events: the properties key whose value is aggregated; empty counts events"),
});
export type MetricInput = z.input<typeof metricSchema>;
export type Metric = z.output<typeof metricSchema>;

// ---------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------

export const planSchema = z.object({
  code: codeSlug("Plan code").describe("Stable plan code shared with source apps (entitlements key on it)"),
  name: storableString("Name").trim().min(1, "Name is required").max(120, "Name can be at most 120 characters"),
  description: storableString("Description").trim().max(2000, "Description can be at most 2000 characters").optional(),
  interval: z
    .enum(PLAN_INTERVALS, { error: "Interval must be monthly or yearly" })
    .describe("Billing period length: monthly or yearly"),
  basePrice: decimalString("Base price", MONEY_DECIMALS).describe(
    "Fixed price per period as a decimal string, e.g. \"49.00\"",
  ),
  currency: z
    .string({ error: "Currency is required" })
    .trim()
    .transform((c) => c.toUpperCase())
    .refine((c) => /^[A-Z]{3}$/.test(c), "Currency must be a three-letter ISO 4217 code such as CAD or USD")
    .refine(
      (c) => !SUPPORTED_CURRENCIES || SUPPORTED_CURRENCIES.has(c),
      "Currency is not a known ISO 4217 code (e.g. CAD, USD, EUR)",
    )
    .describe("ISO 4217 currency code, e.g. CAD"),
  taxBehaviour: z
    .enum(TAX_BEHAVIOURS, { error: "Tax behaviour must be exclusive or inclusive" })
    .describe("exclusive: tax is added on top of prices; inclusive: prices already contain tax"),
});
export type PlanInput = z.input<typeof planSchema>;
export type Plan = z.output<typeof planSchema>;

// ---------------------------------------------------------------------------
// Charge and tiers
// ---------------------------------------------------------------------------

export const chargeTierSchema = z.object({
  from: decimalString("Tier start", QUANTITY_DECIMALS).describe("Quantity where the tier starts (exclusive, except 0)"),
  to: decimalString("Tier end", QUANTITY_DECIMALS)
    .nullable()
    .describe("Quantity where the tier ends (inclusive); null for the open-ended last tier"),
  unitPrice: decimalString("Tier price per unit", UNIT_PRICE_DECIMALS).describe(
    "Price per unit batch inside this tier, up to 6 decimals",
  ),
  flatFee: decimalString("Tier flat fee", UNIT_PRICE_DECIMALS)
    .optional()
    .describe("Fixed fee added once when any quantity falls in this tier"),
});
export type ChargeTierInput = z.input<typeof chargeTierSchema>;
export type ChargeTier = z.output<typeof chargeTierSchema>;

/** Structural view of a tier, enough to check the ladder (strings or Decimals). */
export interface TierBounds {
  from: Decimal.Value;
  to: Decimal.Value | null;
  unitPrice?: Decimal.Value;
  flatFee?: Decimal.Value;
}

export interface TierProblem {
  /** Index of the offending tier (or 0 for "no tiers"). */
  index: number;
  field: "from" | "to" | "unitPrice" | "flatFee" | "tiers";
  message: string;
}

function parseDecimal(value: Decimal.Value): Decimal | null {
  try {
    return new Decimal(value);
  } catch {
    return null;
  }
}

/**
 * Checks that tiers form one ladder: the first starts at 0, each `from` is the
 * previous `to`, every tier ends above where it starts, only the last tier is
 * open-ended (so every quantity has exactly one price), prices are not
 * negative. Returns human-readable problems; an empty list means valid.
 * Tiers are (from, to]: a quantity equal to `to` belongs to the lower tier.
 */
export function describeTierProblems(tiers: readonly TierBounds[]): TierProblem[] {
  const problems: TierProblem[] = [];
  if (tiers.length === 0) {
    return [{ index: 0, field: "tiers", message: "Add at least one tier" }];
  }
  tiers.forEach((tier, i) => {
    const n = i + 1;
    const from = parseDecimal(tier.from);
    const to = tier.to === null ? null : parseDecimal(tier.to);
    const isLast = i === tiers.length - 1;
    if (!from) {
      problems.push({ index: i, field: "from", message: `Tier ${n} has a start that is not a number` });
      return;
    }
    if (i === 0 && !from.isZero()) {
      problems.push({ index: i, field: "from", message: `Tier 1 must start at 0 (it starts at ${from.toString()})` });
    }
    if (i > 0) {
      const prev = tiers[i - 1];
      const prevTo = prev && prev.to !== null ? parseDecimal(prev.to) : null;
      if (prevTo && !from.equals(prevTo)) {
        problems.push({
          index: i,
          field: "from",
          message: `Tier ${n} must start where tier ${i} ends (${prevTo.toString()}), not at ${from.toString()}: tiers must be contiguous`,
        });
      }
    }
    if (tier.to === null) {
      if (!isLast) {
        problems.push({
          index: i,
          field: "to",
          message: `Only the last tier can be open-ended: give tier ${n} an end`,
        });
      }
    } else if (!to) {
      problems.push({ index: i, field: "to", message: `Tier ${n} has an end that is not a number` });
    } else {
      if (!to.greaterThan(from)) {
        problems.push({
          index: i,
          field: "to",
          message: `Tier ${n} must end above where it starts (${from.toString()}), but ends at ${to.toString()}`,
        });
      }
      if (isLast) {
        problems.push({
          index: i,
          field: "to",
          message: `The last tier must be open-ended (leave its end empty) so every quantity has a price`,
        });
      }
    }
    for (const field of ["unitPrice", "flatFee"] as const) {
      const raw = tier[field];
      if (raw === undefined) continue;
      const value = parseDecimal(raw);
      const label = field === "unitPrice" ? "price per unit" : "flat fee";
      if (!value) problems.push({ index: i, field, message: `Tier ${n}'s ${label} is not a number` });
      else if (value.isNegative()) problems.push({ index: i, field, message: `Tier ${n}'s ${label} cannot be negative` });
    }
  });
  return problems;
}

export const chargeSchema = z
  .object({
    metricId: z.string().trim().min(1, "Choose a metric").describe("The billable metric this charge prices"),
    model: z
      .enum(CHARGE_MODELS, { error: `Charge model must be one of ${CHARGE_MODELS.join(", ")}` })
      .describe("standard, graduated, package or volume"),
    includedQuota: decimalString("Included quota", QUANTITY_DECIMALS)
      .default("0")
      .describe("Quantity per period that is free; consumed before any price applies"),
    unitPrice: decimalString("Price per unit", UNIT_PRICE_DECIMALS)
      .default("0")
      .describe("Price per unit batch (standard) or per package (package), up to 6 decimals"),
    unitBatch: wholeNumber("Unit batch", 1)
      .default(1)
      .describe("Units priced together and rounded up, e.g. 1000 for per-1k pricing or 3600 for per hour"),
    packageSize: wholeNumber("Package size", 1)
      .optional()
      .describe("Units per package for the package model; every started package is charged"),
    tiers: z.array(chargeTierSchema).default([]).describe("Price ladder for graduated and volume models"),
  })
  .superRefine((charge, ctx) => {
    if (charge.model === "package" && charge.packageSize === undefined) {
      ctx.addIssue({ code: "custom", path: ["packageSize"], message: "Package size is required for the package model" });
    }
    if (TIERED_CHARGE_MODELS.includes(charge.model)) {
      if (charge.tiers.length === 0) {
        ctx.addIssue({ code: "custom", path: ["tiers"], message: `Add at least one tier for the ${charge.model} model` });
        return;
      }
      // Prices and malformed bounds already carry their own field messages; add only the ladder's.
      const boundsReadable = charge.tiers.every(
        (t) => DECIMAL_PATTERN.test(t.from) && (t.to === null || DECIMAL_PATTERN.test(t.to)),
      );
      if (!boundsReadable) return;
      const ladderProblems = describeTierProblems(charge.tiers).filter((p) => p.field === "from" || p.field === "to");
      for (const problem of ladderProblems) {
        const path = problem.field === "tiers" ? ["tiers"] : ["tiers", problem.index, problem.field];
        ctx.addIssue({ code: "custom", path, message: problem.message });
      }
    }
  });
export type ChargeInput = z.input<typeof chargeSchema>;
export type Charge = z.output<typeof chargeSchema>;

// ---------------------------------------------------------------------------
// Usage ingestion (POST /api/billing/v1/usage) – snake_case on the wire, like Lago
// ---------------------------------------------------------------------------

const isoDateTime = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be an ISO 8601 date-time such as 2026-11-01T00:00:00Z` })
    .transform((s) => new Date(s));

export const usageItemSchema = z
  .object({
    external_subscription_id: storableString("external_subscription_id")
      .trim()
      .min(1, "external_subscription_id is required")
      .max(255, "external_subscription_id can be at most 255 characters")
      .describe("The subscription's id in the source app"),
    metric_code: codeSlug("metric_code").describe("Code of the billable metric, e.g. cpu_seconds"),
    period: z
      .object({
        from: isoDateTime("period.from").describe("Start of the counter's window (inclusive)"),
        to: isoDateTime("period.to").describe("End of the counter's window (exclusive)"),
      })
      .refine((p) => p.from.getTime() < p.to.getTime(), {
        message: "period.from must be before period.to",
        path: ["to"],
      })
      .describe("Time window the counter covers"),
    quantity: decimalString("quantity", QUANTITY_DECIMALS)
      .refine((v) => !DECIMAL_PATTERN.test(v) || new Decimal(v).lessThanOrEqualTo(MAX_USAGE_QUANTITY), {
        error: `quantity can be at most ${MAX_USAGE_QUANTITY} (10^15) per counter`,
      })
      .describe(
      "Aggregated quantity for the window as a decimal string, e.g. \"3600\" or \"12.5\"",
    ),
    idempotency_key: storableString("idempotency_key")
      .min(1, "idempotency_key is required")
      .max(200, "idempotency_key can be at most 200 characters")
      .describe("Unique per counter (e.g. service:metric:subscription:window); a retry with the same key never counts twice"),
    unique_key: storableString("unique_key")
      .trim()
      .min(1, "unique_key cannot be empty")
      .max(255, "unique_key can be at most 255 characters")
      .optional()
      .describe("For unique_count metrics: the identity this counter is about (e.g. an active user id)"),
  })
  .transform((item) => ({
    subscriptionExternalId: item.external_subscription_id,
    metricCode: item.metric_code,
    periodFrom: item.period.from,
    periodTo: item.period.to,
    quantity: item.quantity,
    idempotencyKey: item.idempotency_key,
    uniqueKey: item.unique_key ?? null,
  }));
/** Wire shape a source app sends. */
export type UsageItemInput = z.input<typeof usageItemSchema>;
/** Parsed, camelCase shape the server stores. */
export type UsageItem = z.output<typeof usageItemSchema>;

const usageBatchItemsSchema = z
  .array(z.unknown(), { error: "usage must be an array of usage items" })
  .min(1, "usage must contain at least one item")
  .max(MAX_USAGE_BATCH_ITEMS, `usage can hold at most ${MAX_USAGE_BATCH_ITEMS} items per request; split larger batches`);

export const usageBatchSchema = z.object({
  usage: z
    .array(usageItemSchema, { error: "usage must be an array of usage items" })
    .min(1, "usage must contain at least one item")
    .max(MAX_USAGE_BATCH_ITEMS, `usage can hold at most ${MAX_USAGE_BATCH_ITEMS} items per request; split larger batches`)
    .describe(`1 to ${MAX_USAGE_BATCH_ITEMS} aggregated usage counters`),
});
export type UsageBatchInput = z.input<typeof usageBatchSchema>;
export type UsageBatch = z.output<typeof usageBatchSchema>;

export interface RejectedUsageItem {
  index: number;
  /** The item's idempotency key when it had a readable one. */
  idempotencyKey: string | null;
  errors: Array<{ path: string; message: string }>;
}

export type UsageBatchParseResult =
  | { ok: false; errors: Array<{ path: string; message: string }> }
  | { ok: true; accepted: Array<{ index: number; item: UsageItem }>; rejected: RejectedUsageItem[] };

function flattenIssues(issues: readonly z.core.$ZodIssue[]): Array<{ path: string; message: string }> {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/**
 * Validates a usage batch item by item so one bad counter does not sink the
 * rest (the API answers 207-style). Fails as a whole only when the envelope
 * itself is wrong (not an object, no `usage` array, too many items).
 */
export function parseUsageBatch(body: unknown): UsageBatchParseResult {
  const envelope = z.object({ usage: usageBatchItemsSchema }, { error: "Body must be a JSON object with a usage array" });
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { ok: false, errors: flattenIssues(parsed.error.issues) };
  const accepted: Array<{ index: number; item: UsageItem }> = [];
  const rejected: RejectedUsageItem[] = [];
  parsed.data.usage.forEach((raw, index) => {
    const result = usageItemSchema.safeParse(raw);
    if (result.success) {
      accepted.push({ index, item: result.data });
    } else {
      const key = (raw as { idempotency_key?: unknown } | null)?.idempotency_key;
      rejected.push({
        index,
        idempotencyKey: typeof key === "string" ? key : null,
        errors: flattenIssues(result.error.issues),
      });
    }
  });
  return { ok: true, accepted, rejected };
}

// ---------------------------------------------------------------------------
// Customers, subscriptions, services, webhooks, credit notes (console forms)
// ---------------------------------------------------------------------------

const optionalText = (label: string, max: number) =>
  storableString(label)
    .trim()
    .max(max, `${label} can be at most ${max} characters`)
    .nullish()
    .transform((v) => (v === "" || v === undefined || v === null ? null : v));

/** Tax rate in percent, 0–100 with up to 4 places (13 = Ontario HST). */
export const taxRatePercentSchema = decimalString("Tax rate", 4).refine(
  (v) => !DECIMAL_PATTERN.test(v) || new Decimal(v).lessThanOrEqualTo(100),
  "Tax rate is a percentage between 0 and 100 (13 for 13% HST)",
);

export const subscriptionCreateSchema = z.object({
  customerId: z.string().min(1, "Choose a customer"),
  planId: z.string().min(1, "Choose a plan"),
  serviceId: z.string().min(1, "Choose the source app"),
  externalId: storableString("External id")
    .trim()
    .min(1, "External id is required (the subscription's id in the source app)")
    .max(255, "External id can be at most 255 characters"),
  /** Start of the first period; defaults to the start of today (UTC). */
  startAt: z.coerce.date({ error: "Start must be a date" }).optional(),
});
export type SubscriptionCreateInput = z.input<typeof subscriptionCreateSchema>;

export const SUBSCRIPTION_STATUSES = ["active", "past_due", "paused", "cancelled", "terminated"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const PAYMENT_STATUSES = ["processing", "succeeded", "failed", "refunded", "partially_refunded"] as const;

export const serviceSchema = z.object({
  name: storableString("Name").trim().min(1, "Name is required").max(120, "Name can be at most 120 characters"),
  code: codeSlug("Service code"),
  rateLimitPerMinute: wholeNumber("Rate limit", 1)
    .refine((n) => n <= 1_000_000, "Rate limit can be at most 1,000,000 requests per minute")
    .default(600),
});
export type ServiceInput = z.input<typeof serviceSchema>;

export const BILLING_EVENT_TYPES = [
  "invoice.created",
  "invoice.payment_succeeded",
  "invoice.payment_failed",
  "subscription.terminated",
  "usage.threshold_reached",
] as const;
export type BillingEventType = (typeof BILLING_EVENT_TYPES)[number];

/** Webhook body and signature conventions an endpoint can ask for. */
export const WEBHOOK_FORMATS = ["switchboard", "lago"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const webhookEndpointSchema = z.object({
  serviceId: z.string().min(1, "Choose the service whose events go here"),
  url: z
    .string({ error: "URL is required" })
    .trim()
    .min(1, "URL is required")
    .max(2000, "URL can be at most 2000 characters")
    .refine((u) => /^https?:\/\//i.test(u), "URL must start with https:// (or http://)"),
  description: optionalText("Description", 200),
  eventTypes: z.array(z.enum(BILLING_EVENT_TYPES)).default([]),
  format: z
    .enum(WEBHOOK_FORMATS, { error: "Format must be switchboard or lago" })
    .default("switchboard")
    .describe("switchboard: our envelope and Switchboard-Signature; lago: Lago's {webhook_type, object_type, …} signed with X-Lago-Signature (HMAC)"),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointSchema>;

export const creditNoteSchema = z.object({
  invoiceId: z.string().min(1, "Choose an invoice"),
  /** Amount including tax; omitted = everything not yet credited. */
  amount: decimalString("Amount", MONEY_DECIMALS).optional(),
  reason: storableString("Reason").trim().min(1, "Say why the invoice is credited").max(500, "Reason can be at most 500 characters"),
});
export type CreditNoteInput = z.input<typeof creditNoteSchema>;
