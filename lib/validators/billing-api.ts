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

export const apiCustomerSchema = z.object({
  customer: z
    .object({
      external_id: externalId("customer.external_id").describe("The account's id in the source app"),
      kind: z.enum(["person", "company"]).optional().describe("person or company (default company)"),
      name: storableString("customer.name").trim().min(1, "customer.name is required").max(200),
      email: z.email({ error: "customer.email must be an e-mail address" }).optional().describe("Billing e-mail; customers of different apps with the same e-mail are folded into one"),
      phone: text(40),
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
    })
    .describe("The customer to create or update"),
});
export type ApiCustomerInput = z.input<typeof apiCustomerSchema>;

export const apiSubscriptionCreateSchema = z.object({
  subscription: z.object({
    external_customer_id: externalId("subscription.external_customer_id").describe("The customer's id in the source app (POST /customers first)"),
    plan_code: externalId("subscription.plan_code"),
    external_id: externalId("subscription.external_id").describe("The subscription's id in the source app, e.g. a deployment id"),
    subscription_at: z.iso
      .datetime({ offset: true, error: "subscription.subscription_at must be an ISO 8601 date-time" })
      .optional()
      .describe("Start of the first period (default: start of today, UTC)"),
  }),
});

export const apiSubscriptionChangeSchema = z.object({
  subscription: z.object({
    plan_code: externalId("subscription.plan_code"),
    effective: z
      .enum(["next_period", "immediately"], { error: "subscription.effective must be next_period or immediately" })
      .default("next_period")
      .describe("next_period (default) or immediately; there is no proration"),
  }),
});

export const apiCreditNoteSchema = z.object({
  credit_note: z.object({
    invoice_id: externalId("credit_note.invoice_id"),
    amount: decimalString("credit_note.amount", MONEY_DECIMALS).optional().describe("Amount including tax; omit to credit everything left"),
    reason: storableString("credit_note.reason").trim().min(1, "credit_note.reason is required").max(500),
  }),
});
