import { z } from "zod";
import { pagingSchema } from "./common";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-12-05").refine((s) => !Number.isNaN(Date.parse(s)), "Not a real date");

export const ledgerVerificationValues = ["pending", "verified", "waiting", "skipped"] as const;

/** Legacy invoices on the review list: filter by verification state, search number or customer. */
export const listLedgerInvoicesSchema = pagingSchema.extend({
  verification: z.enum(ledgerVerificationValues).optional(),
  posted: z.boolean().optional(),
  /** Only invoices held back by a processor/legacy total mismatch nobody has settled. */
  blocked: z.boolean().optional(),
  search: z.string().trim().max(100).optional(),
});
export type ListLedgerInvoicesInput = z.infer<typeof listLedgerInvoicesSchema>;

/** Bulk post: the reviewed invoices (LedgerSourceInvoice ids), or every verified draft when `all` is set. */
export const postLedgerInvoicesSchema = z.union([
  z.object({ ids: z.array(z.string().min(1)).min(1, "Select at least one invoice").max(500, "Post at most 500 at a time") }),
  z.object({ all: z.literal(true) }),
]);

export const asOfSchema = z.object({ asOf: day });
export const dateRangeSchema = z
  .object({ from: day, to: day, includeDrafts: z.boolean().optional() })
  .refine((r) => r.from <= r.to, { message: "The start date must not be after the end date", path: ["from"] });

export const ledgerSettingsSchema = z.object({ autoPost: z.boolean() });

export const ledgerFamilyValues = ["hosting", "managed", "addons", "other"] as const;
/** A keyword rule: lines whose description (the named item, for proration lines) contains it go to `family`. */
export const createFamilyRuleSchema = z.object({
  keyword: z.string().trim().min(2, "Use at least 2 characters").max(80, "Use at most 80 characters"),
  family: z.enum(ledgerFamilyValues),
});

const note = z.string().trim().min(3, "Write a note of at least 3 characters").max(1000, "Use at most 1000 characters");

/** Settling a processor/legacy total mismatch: which side the books follow, and why. */
export const acceptTotalMismatchSchema = z.object({
  id: z.string().min(1),
  side: z.enum(["processor", "legacy"], { message: "Choose the processor's or the legacy total" }),
  note,
});
export type AcceptTotalMismatchInput = z.infer<typeof acceptTotalMismatchSchema>;

/** Resolving a change upstream of a posted entry: acknowledge it, or write an adjusting draft. */
export const resolveReviewItemSchema = z.object({
  id: z.string().min(1),
  action: z.enum(["acknowledge", "adjust"], { message: "Choose acknowledge or adjust" }),
  note,
});
export type ResolveReviewItemInput = z.infer<typeof resolveReviewItemSchema>;

export const listReviewItemsSchema = pagingSchema.extend({ state: z.enum(["open", "resolved"]).default("open") });
export type ListReviewItemsInput = z.infer<typeof listReviewItemsSchema>;

/** A tax rate: a name, and a percent from 0 to 100 with at most 4 decimals. */
export const taxRateSchema = z.object({
  name: z.string().trim().min(1, "Give the rate a name").max(60, "Use at most 60 characters"),
  percent: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, "Write the percent as a number, such as 13 or 5.5")
    .refine((v) => Number(v) >= 0 && Number(v) <= 100, "The percent must be between 0 and 100")
    .refine((v) => !/\.\d{5,}$/.test(v), "Use at most 4 decimals"),
});
export type TaxRateInput = z.infer<typeof taxRateSchema>;
export const updateTaxRateSchema = z.object({ id: z.string().min(1), data: taxRateSchema });
export const ingestSchema = z.object({ dryRun: z.boolean().default(false) });

/** The ledger's one currency; the service also refuses a change once entries in another currency are posted. */
export const ledgerCurrencySchema = z.object({
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, "Use a three-letter ISO 4217 code such as CAD").transform((c) => c.toUpperCase()),
});
