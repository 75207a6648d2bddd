import { z } from "zod";

const fieldName = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Use the CRM's field name, e.g. hours or cf_852");

export const listContractsSchema = z.object({
  connectionId: z.string().min(1),
  search: z.string().trim().max(100).optional(),
  /** Our customer: its CRM account narrows the list. */
  customerId: z.string().min(1).optional(),
});
export type ListContractsInput = z.infer<typeof listContractsSchema>;

export const startRunSchema = z.object({
  connectionId: z.string().min(1),
  contractId: z.string().regex(/^\d+x\d+$/, "Pick a contract from the list"),
  dryRun: z.boolean().default(true),
});
export type StartRunInput = z.infer<typeof startRunSchema>;

export const processItemSchema = z.discriminatedUnion("action", [
  z.object({ runId: z.string().min(1), itemId: z.string().min(1), action: z.literal("archive") }),
  z.object({ runId: z.string().min(1), itemId: z.string().min(1), action: z.literal("transfer"), cardId: z.string().min(1, "Pick a card") }),
  z.object({
    runId: z.string().min(1),
    itemId: z.string().min(1),
    action: z.literal("skip"),
    reason: z.string().trim().min(1, "Say why it is skipped").max(500),
  }),
]);
export type ProcessItemInput = z.infer<typeof processItemSchema>;

export const applyToRestSchema = z.object({
  runId: z.string().min(1),
  /** Needed only while time logs remain. */
  cardId: z.string().min(1).optional(),
});
export type ApplyToRestInput = z.infer<typeof applyToRestSchema>;

export const timeLogSettingsSchema = z.object({
  connectionId: z.string().min(1),
  settings: z
    .object({
      timeLogModule: fieldName,
      hoursField: fieldName,
      dateField: fieldName.optional().or(z.literal("")),
      descriptionField: fieldName.optional().or(z.literal("")),
      relationField: fieldName,
    })
    .nullable(),
});
export type TimeLogSettingsInput = z.infer<typeof timeLogSettingsSchema>;

export const listRunsSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export const searchArchivedCasesSchema = z.object({
  search: z.string().trim().max(200).optional(),
  customerId: z.string().min(1).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type SearchArchivedCasesInput = z.infer<typeof searchArchivedCasesSchema>;
