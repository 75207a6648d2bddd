import { z } from "zod";

export const legacyUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the legacy database URL")
  .max(2000)
  .regex(/^postgres(ql)?:\/\//, "The URL must start with postgres:// or postgresql://")
  .describe("postgres://user:password@host:5432/database of the legacy billing database");

export const legacySettingsSchema = z.object({
  url: legacyUrlSchema.optional(),
  tolerance: z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,4})?$/, "Tolerance is an amount like 0.01")
    .optional(),
});
export type LegacySettingsInput = z.infer<typeof legacySettingsSchema>;

export const legacyPeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A period is YYYY-MM");

export const importOutcomeSchema = z.enum(["created", "updated", "unchanged", "skipped", "failed"]);
export const reconciliationStatusSchema = z.enum(["match", "delta", "resolved"]);

export const reconciliationFilterSchema = z.object({
  period: legacyPeriodSchema.optional(),
  status: reconciliationStatusSchema.optional(),
  cursor: z.string().optional(),
});

export const reviewReconciliationSchema = z.object({
  id: z.string().min(1),
  note: z.string().max(2000),
  resolve: z.boolean(),
});

export const legacyRunStateSchema = z.enum(["running", "stalled", "completed", "failed"]);

/** Run history filters; `cursor` is the last run id of the previous page. */
export const legacyRunListSchema = z.object({
  state: legacyRunStateSchema.optional(),
  cursor: z.string().optional(),
});
export const legacyImportRunListSchema = legacyRunListSchema.extend({ mode: z.enum(["dry", "live"]).optional() });

/** Why a shadow (legacy-import) subscription refuses every change: the server's 409 and the console's note say the same. */
export const SHADOW_SUBSCRIPTION_LOCKED =
  "This is a shadow subscription imported from the legacy biller for the dual run: it is never billed, and it changes only by re-importing from the legacy system";
