import { z } from "zod";
import { pagingSchema } from "./common";

/** Most minutes one entry or card may carry (10,000 hours): keeps typos like 6000000 out. */
export const MAX_CARD_MINUTES = 600_000;

/** A positive whole number of minutes, with messages a form can show as they are. */
export const positiveMinutesSchema = z
  .number({ error: "Enter the time as a number" })
  .refine((v) => Number.isFinite(v), { message: "Enter the time as a number" })
  .refine((v) => v > 0, { message: "The time must be more than zero" })
  .refine((v) => Number.isInteger(v), { message: "Enter whole minutes" })
  .refine((v) => v <= MAX_CARD_MINUTES, { message: `At most ${MAX_CARD_MINUTES / 60} hours at once` });

const reasonSchema = z.string().trim().min(1, { message: "Give a reason" }).max(500, { message: "Keep the reason under 500 characters" });
const dateOnlySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Enter a date" });

export const HOUR_CARD_STATUSES = ["active", "used_up", "expired", "closed"] as const;
export type HourCardStatusValue = (typeof HOUR_CARD_STATUSES)[number];
export const HOUR_CARD_STATUS_LABELS: Record<HourCardStatusValue, string> = {
  active: "Active",
  used_up: "Used up",
  expired: "Expired",
  closed: "Closed",
};

export const createHourCardSchema = z
  .object({
    customerId: z.string().min(1, { message: "Pick a customer" }),
    name: z.string().trim().min(1, { message: "Name the card" }).max(120, { message: "Keep the name under 120 characters" }),
    purchasedMinutes: positiveMinutesSchema,
    pricePaid: z
      .string()
      .trim()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: "Enter the price like 1200 or 1200.50" })
      .nullish(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, { message: "Use a three-letter currency code, e.g. DKK" })
      .nullish(),
    purchasedOn: dateOnlySchema,
    expiresOn: dateOnlySchema.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.pricePaid && !v.currency) ctx.addIssue({ code: "custom", path: ["currency"], message: "Give the currency of the price" });
    if (v.expiresOn && v.expiresOn <= v.purchasedOn) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry must be after the purchase date" });
  });
export type CreateHourCardInput = z.infer<typeof createHourCardSchema>;

export const topUpHourCardSchema = z.object({ cardId: z.string().min(1), minutes: positiveMinutesSchema, reason: reasonSchema });
export type TopUpHourCardInput = z.infer<typeof topUpHourCardSchema>;

export const adjustHourCardSchema = z.object({
  cardId: z.string().min(1),
  direction: z.enum(["add", "remove"]),
  minutes: positiveMinutesSchema,
  reason: reasonSchema,
});
export type AdjustHourCardInput = z.infer<typeof adjustHourCardSchema>;

export const closeHourCardSchema = z.object({ cardId: z.string().min(1), reason: reasonSchema });

export const listHourCardsSchema = pagingSchema.extend({
  customerId: z.string().min(1).optional(),
  status: z.enum(HOUR_CARD_STATUSES).optional(),
  search: z.string().trim().max(200).optional(),
});
export type ListHourCardsInput = z.infer<typeof listHourCardsSchema>;

export const cardLedgerSchema = pagingSchema.extend({ cardId: z.string().min(1) });

export const logTicketTimeSchema = z.object({
  ticketId: z.string().min(1),
  minutes: positiveMinutesSchema,
  note: z.string().trim().min(1, { message: "Say what the time was spent on" }).max(2000, { message: "Keep the note under 2,000 characters" }),
  billable: z.boolean(),
  /** The card to draw on; omitted = the settings' default rule picks one. */
  cardId: z.string().min(1).nullish(),
  /** One per form submission: sent again (double click, retry after a timeout), it logs nothing new. */
  requestId: z.uuid({ message: "The request id must be a UUID" }).optional(),
});
export type LogTicketTimeInput = z.infer<typeof logTicketTimeSchema>;

export const hourCardSettingsSchema = z
  .object({
    allowNegative: z.boolean(),
    thresholdKind: z.enum(["minutes", "percent"]),
    thresholdValue: z.number({ error: "Enter the threshold as a number" }).int({ message: "Enter a whole number" }).min(0, { message: "The threshold cannot be negative" }),
    consumptionRule: z.enum(["oldest_expiring_first", "oldest_purchased_first"]),
  })
  .superRefine((v, ctx) => {
    if (v.thresholdKind === "percent" && v.thresholdValue > 100) ctx.addIssue({ code: "custom", path: ["thresholdValue"], message: "A percentage is at most 100" });
    if (v.thresholdKind === "minutes" && v.thresholdValue > MAX_CARD_MINUTES) ctx.addIssue({ code: "custom", path: ["thresholdValue"], message: "That threshold is larger than any card" });
  });
export type HourCardSettingsInput = z.infer<typeof hourCardSettingsSchema>;

export const hoursReportSchema = z.object({
  customerId: z.string().min(1).optional(),
  /** First month shown, "2026-01"; the report covers 12 months from it. */
  fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "Pick a month" }),
  months: z.number().int().min(1).max(24).default(12),
});
export type HoursReportInput = z.infer<typeof hoursReportSchema>;

/**
 * "1:30" → 90, "1.5" / "1,5" → 90, "45m" → 45, "2h" → 120. Null when the text
 * is not a duration; forms then show "Enter the time as 1:30 or 1.5".
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d+):([0-5]\d)$/))) return Number(m[1]) * 60 + Number(m[2]);
  if ((m = t.match(/^(\d+)\s*m(in)?$/))) return Number(m[1]);
  if ((m = t.match(/^(\d+(?:[.,]\d+)?)\s*h?$/))) return Math.round(Number((m[1] ?? "").replace(",", ".")) * 60);
  return null;
}
