/**
 * Request bodies of the Lago-shaped billing REST API (/api/billing/v1), in its
 * snake_case wire shape. Decimals travel as strings.
 */
import { z } from "zod";
import { storableString } from "./text";
import { MONEY_DECIMALS, decimalString, taxRatePercentSchema } from "./billing";

const externalId = (label: string) =>
  storableString(label)
    .trim()
    .min(1, `${label} is required`)
    .max(255, `${label} can be at most 255 characters`);

const text = (max: number) => storableString("text").trim().max(max).optional();

/**
 * A Lago field we do not implement that would change money or billing time:
 * absent, null or empty is fine; any value is refused by name (422), never
 * silently dropped.
 */
const refused = (field: string, reason: string) =>
  z
    .unknown()
    .refine((v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0), `${field} is not supported: ${reason}`)
    .optional();

const nullableText = (max: number) => storableString("text").trim().max(max).nullish();

/**
 * Lago's CustomerCreateInput (flat address fields, legal_name,
 * tax_identification_number, currency), plus our nested `address`,
 * `tax_id`, `kind` and `tax_rate_percent` from before.
 */
export const apiCustomerSchema = z.object({
  customer: z
    .object({
      external_id: externalId("customer.external_id").describe("The account's id in the source app"),
      kind: z.enum(["person", "company"]).optional().describe("person or company (default company)"),
      customer_type: z.enum(["company", "individual"], { error: "customer.customer_type must be company or individual" }).nullish(),
      name: nullableText(200).describe("Display name; Lago allows it empty, then legal_name, firstname lastname or the external id is shown"),
      firstname: nullableText(100),
      lastname: nullableText(100),
      legal_name: nullableText(200),
      legal_number: nullableText(64),
      email: z.email({ error: "customer.email must be an e-mail address" }).nullish().describe("Billing e-mail; customers of different apps with the same e-mail are folded into one"),
      phone: nullableText(40),
      address_line1: nullableText(200),
      address_line2: nullableText(200),
      city: nullableText(100),
      state: nullableText(100).describe("Province or state, e.g. ON"),
      zipcode: nullableText(20),
      country: nullableText(2).describe("ISO 3166-1 alpha-2, e.g. CA"),
      currency: z
        .string()
        .trim()
        .regex(/^[A-Za-z]{3}$/, "customer.currency must be an ISO 4217 code such as CAD")
        .transform((v) => v.toUpperCase())
        .nullish(),
      tax_identification_number: nullableText(64),
      address: z
        .object({
          line1: text(200),
          line2: text(200),
          city: text(100),
          region: text(100).describe("Province or state, e.g. ON"),
          postal_code: text(20),
          country: text(2).describe("ISO 3166-1 alpha-2, e.g. CA"),
        })
        .optional(),
      tax_id: text(64),
      tax_rate_percent: taxRatePercentSchema.optional().describe('Sales tax in percent as a string, e.g. "13" for Ontario HST'),
      tax_codes: refused("customer.tax_codes", 'taxes are one rate per customer here: send tax_rate_percent (e.g. "13")'),
      net_payment_term: refused("customer.net_payment_term", "invoice due days are set for all customers (BILLING_INVOICE_DUE_DAYS)"),
      timezone: z
        .string()
        .nullish()
        .refine((v) => v === undefined || v === null || v === "UTC", "customer.timezone is not supported: billing periods are cut in UTC"),
      billing_configuration: z
        .object({ invoice_grace_period: refused("customer.billing_configuration.invoice_grace_period", "invoices are issued when the period closes") })
        .passthrough()
        .optional(),
    })
    .describe("The customer to create or update"),
});
export type ApiCustomerInput = z.input<typeof apiCustomerSchema>;

const isoDateTime = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time` });

/**
 * Lago's SubscriptionCreateInput. Creating with the external_id of a live
 * subscription and another plan_code is Lago's upgrade/downgrade.
 */
export const apiSubscriptionCreateSchema = z.object({
  subscription: z.object({
    external_customer_id: externalId("subscription.external_customer_id").describe("The customer's id in the source app (POST /customers first)"),
    plan_code: externalId("subscription.plan_code"),
    external_id: externalId("subscription.external_id").describe("The subscription's id in the source app, e.g. a deployment id"),
    name: nullableText(200),
    subscription_at: isoDateTime("subscription.subscription_at").optional().describe("Start of the first period (default: start of today, UTC)"),
    billing_time: z
      .enum(["calendar", "anniversary"], { error: "subscription.billing_time must be calendar or anniversary" })
      .optional()
      .describe("Periods run from the start date (anniversary); calendar is accepted only for a start on the 1st at 00:00 UTC, where both agree"),
    ending_at: refused("subscription.ending_at", "terminate with DELETE /subscriptions/:external_id"),
    plan_overrides: refused("subscription.plan_overrides", "prices come from the plan; create another plan"),
    usage_thresholds: refused("subscription.usage_thresholds", "progressive billing is not offered"),
    billing_entity_code: nullableText(100),
    purchase_order_number: nullableText(100),
  }),
  authorization: refused("authorization", "payment pre-authorisation is not offered"),
});

/** Lago's SubscriptionUpdateInput, plus our own plan change (plan_code, effective). */
export const apiSubscriptionChangeSchema = z.object({
  subscription: z.object({
    name: nullableText(200),
    ending_at: isoDateTime("subscription.ending_at").nullish().describe("null, or the end of the current period (cancels then)"),
    subscription_at: isoDateTime("subscription.subscription_at").optional().describe("Only the current start date is accepted"),
    plan_overrides: refused("subscription.plan_overrides", "prices come from the plan; create another plan"),
    usage_thresholds: refused("subscription.usage_thresholds", "progressive billing is not offered"),
    plan_code: externalId("subscription.plan_code").optional(),
    effective: z
      .enum(["next_period", "immediately"], { error: "subscription.effective must be next_period or immediately" })
      .default("next_period")
      .describe("With plan_code: next_period (default) or immediately (the running period is prorated by day)"),
  }),
});

const cents = () =>
  z
    .number({ error: "must be a whole number of minor units (cents)" })
    .int("must be a whole number of minor units (cents)")
    .min(0, "cannot be negative")
    .max(1e13, "is too large");

export const LAGO_CREDIT_NOTE_REASONS = ["duplicated_charge", "product_unsatisfactory", "order_change", "order_cancellation", "fraudulent_charge", "other"] as const;

/**
 * Lago's CreditNoteCreateInput (credit_amount_cents, refund_amount_cents,
 * items per fee), plus our earlier decimal `amount` and free-text reason.
 */
export const apiCreditNoteSchema = z.object({
  credit_note: z.object({
    invoice_id: externalId("credit_note.invoice_id"),
    reason: storableString("credit_note.reason").trim().min(1).max(500).optional(),
    description: nullableText(500),
    credit_amount_cents: cents().nullish(),
    refund_amount_cents: cents().nullish(),
    offset_amount_cents: z
      .number()
      .nullish()
      .refine((v) => !v, "credit_note.offset_amount_cents is not supported: credit what is owed or refund what was paid"),
    items: z
      .array(z.object({ fee_id: z.string({ error: "fee_id is required" }).min(1, "fee_id is required"), amount_cents: cents() }))
      .max(200)
      .optional(),
    amount: decimalString("credit_note.amount", MONEY_DECIMALS).optional().describe("Ours: amount including tax; omit to credit everything left"),
    metadata: refused("credit_note.metadata", "credit notes carry no metadata here"),
  }),
});

/** Lago's timestamp: Unix seconds (number or numeric string, fractions allowed) or, as a convenience, an ISO 8601 date-time. */
const lagoTimestamp = z
  .union([z.number(), z.string().trim().min(1)], { error: "timestamp must be Unix seconds or an ISO 8601 date-time" })
  .transform((v, ctx) => {
    const seconds = typeof v === "number" ? v : /^\d+(\.\d+)?$/.test(v) ? Number(v) : null;
    const date = seconds !== null ? new Date(Math.round(seconds * 1000)) : new Date(v);
    if (Number.isNaN(date.getTime()) || (seconds !== null && (!Number.isFinite(seconds) || seconds <= 0))) {
      ctx.addIssue({ code: "custom", message: "invalid_format" });
      return z.NEVER;
    }
    return date;
  });

/** One of Lago's raw events (EventInputObject). */
export const lagoEventSchema = z.object({
  transaction_id: z.string({ error: "value_is_mandatory" }).min(1, "value_is_mandatory").max(200, "value_is_too_long"),
  external_subscription_id: z.string({ error: "value_is_mandatory" }).trim().min(1, "value_is_mandatory").max(255, "value_is_too_long"),
  code: z.string({ error: "value_is_mandatory" }).trim().min(1, "value_is_mandatory").max(100, "value_is_too_long"),
  timestamp: lagoTimestamp.optional(),
  properties: z.record(z.string(), z.unknown(), { error: "properties must be an object" }).optional(),
  precise_total_amount_cents: refused("precise_total_amount_cents", "dynamic pricing is not offered; prices come from the plan"),
});
export type LagoEventInput = z.output<typeof lagoEventSchema>;

/** Lago takes at most 100 events per batch. */
export const MAX_LAGO_BATCH_EVENTS = 100;
