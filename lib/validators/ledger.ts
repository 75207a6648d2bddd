import { z } from "zod";
import { pagingSchema } from "./common";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-12-05").refine((s) => !Number.isNaN(Date.parse(s)), "Not a real date");

export const ledgerVerificationValues = ["pending", "verified", "waiting", "skipped"] as const;

/** Legacy invoices on the review list: filter by verification state, search number or customer. */
export const listLedgerInvoicesSchema = pagingSchema.extend({
  verification: z.enum(ledgerVerificationValues).optional(),
  posted: z.boolean().optional(),
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
