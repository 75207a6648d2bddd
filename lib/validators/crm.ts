/**
 * zod schemas shared by the CRM console forms and the crm tRPC routers.
 */
import { z } from "zod";
import { pagingSchema } from "./common";

export const CRM_OWNER_RULES = ["local_wins", "remote_wins", "newest_wins", "manual"] as const;
export type CrmOwnerRuleValue = (typeof CRM_OWNER_RULES)[number];
export const CRM_OWNER_RULE_LABELS: Record<CrmOwnerRuleValue, string> = {
  local_wins: "Switchboard wins",
  remote_wins: "CRM wins",
  newest_wins: "Newest change wins",
  manual: "Ask a person",
};
export const CRM_FIELD_TYPES = ["TEXT", "NUMBER", "DATE", "BOOLEAN"] as const;
export const CRM_QUEUE_STATUSES = ["PENDING", "PROCESSING", "SUCCEEDED", "FAILED", "DEAD"] as const;
export type CrmQueueStatus = (typeof CRM_QUEUE_STATUSES)[number];
export const CRM_LINK_STATUSES = ["PENDING", "SYNCING", "SYNCED", "FAILED", "REMOTE_DELETED"] as const;
export type CrmLinkStatusValue = (typeof CRM_LINK_STATUSES)[number];
export const CRM_OPERATIONS = [
  "CREATE",
  "UPDATE",
  "DELETE",
  "NOTE",
  "TASK",
  "USER_PROVISION",
  "USER_STATUS",
  "USER_PASSWORD",
  "PAYMENT_SUMMARY",
] as const;

const remoteName = z
  .string()
  .trim()
  .min(1, "Required")
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Letters, digits and underscores only");

/** One enabled remote module: the fields that may be written and read, and the field holding our id. */
export const moduleSyncConfigSchema = z.object({
  fields: z.array(remoteName).max(500),
  externalKeyField: remoteName.optional(),
});
export const modulesSchema = z.record(remoteName, moduleSyncConfigSchema);
export type ModulesInput = z.infer<typeof modulesSchema>;

const baseUrlSchema = z
  .string()
  .trim()
  .min(1, "Base URL is required")
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "Base URL must be an http(s) address such as https://crm.example.com/vtigercrm");

const companyIdSchema = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((v) => v || null)
  .refine((v) => v === null || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), "CompanyId must be an Ascora company Guid");

/** The settings without defaults: an update changes only what it names. */
const connectionSettingsFields = z.object({
  name: z.string().trim().min(1, "Name is required").max(100),
  baseUrl: baseUrlSchema,
  username: z.string().trim().min(1, "User name is required").max(200),
  modules: modulesSchema.refine((m) => Object.keys(m).length > 0, "Enable at least one module"),
  pullIntervalMinutes: z.number().int().min(0).max(24 * 60),
  taskRoleId: z.string().trim().max(50).nullish().transform((v) => v || null),
  taskAssignMode: z.enum(["one", "each"]),
  staffRoleId: z.string().trim().max(50).nullish().transform((v) => v || null),
  paymentSummaryWeekday: z.number().int().min(0).max(6).nullable(),
  paymentSummaryHour: z.number().int().min(0).max(23),
  /** Ascora: the company whose invoices are imported (blank: the account's). */
  companyId: companyIdSchema,
});

const s = connectionSettingsFields.shape;
export const connectionSettingsSchema = connectionSettingsFields.extend({
  pullIntervalMinutes: s.pullIntervalMinutes.default(15),
  taskAssignMode: s.taskAssignMode.default("one"),
  paymentSummaryWeekday: s.paymentSummaryWeekday.default(null),
  paymentSummaryHour: s.paymentSummaryHour.default(8),
  companyId: s.companyId.default(null),
});

export const createConnectionSchema = connectionSettingsSchema.extend({
  provider: z.string().trim().min(1).default("vtiger"),
  accessKey: z.string().min(1, "Access key is required").max(500),
});
export type CreateConnectionInput = z.input<typeof createConnectionSchema>;

export const updateConnectionSchema = z.object({
  id: z.string().min(1),
  // Not connectionSettingsSchema.partial(): its .default()s would reset every setting the update leaves out.
  data: connectionSettingsFields.partial().extend({
    /** Blank keeps the stored key. */
    accessKey: z.string().max(500).optional().transform((v) => v || undefined),
  }),
});
export type UpdateConnectionInput = z.input<typeof updateConnectionSchema>;

/** Test before saving (all values typed in) or test a saved connection, optionally with changed values. */
export const testConnectionSchema = z.object({
  connectionId: z.string().optional(),
  provider: z.string().default("vtiger"),
  baseUrl: baseUrlSchema.optional(),
  username: z.string().trim().max(200).optional(),
  accessKey: z.string().max(500).optional(),
  modules: modulesSchema.optional(),
  companyId: companyIdSchema.optional(),
});
export type TestConnectionInput = z.input<typeof testConnectionSchema>;

export const fieldMappingSchema = z.object({
  connectionId: z.string().min(1),
  entity: z.enum(["customer", "payment_summary"]).default("customer"),
  module: remoteName,
  localPath: z
    .string()
    .trim()
    .min(1, "Choose a local field")
    .max(100)
    .regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, "A field path such as address.city"),
  remoteField: remoteName,
  fieldType: z.enum(CRM_FIELD_TYPES).default("TEXT"),
  ownerRule: z.enum(CRM_OWNER_RULES).default("newest_wins"),
  active: z.boolean().default(true),
});
export type FieldMappingInput = z.input<typeof fieldMappingSchema>;

export const queueListSchema = pagingSchema.extend({
  connectionId: z.string().optional(),
  status: z.enum(CRM_QUEUE_STATUSES).optional(),
  /** Kind of record: customer, field_job, job_note, … */
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().optional(),
});

export const retryItemsSchema = z.union([
  z.object({ ids: z.array(z.string().min(1)).min(1, "Select at least one item").max(500) }),
  z.object({ connectionId: z.string().min(1), allDead: z.literal(true) }),
]);
export type RetryItemsInput = z.infer<typeof retryItemsSchema>;

export const callLogListSchema = pagingSchema.extend({
  connectionId: z.string().optional(),
  status: z.enum(["ok", "error"]).optional(),
  operation: z.string().trim().max(50).optional(),
  /** Matches the record id or the correlation id. */
  search: z.string().trim().max(100).optional(),
  sinceHours: z.number().int().min(1).max(24 * 90).optional(),
});

export const resolveConflictSchema = z.object({
  conflictId: z.string().min(1),
  choice: z.enum(["local", "remote", "merge"]),
  mergedValue: z.string().max(2000).optional(),
});

export const runNowSchema = z.object({ connectionId: z.string().min(1), kind: z.enum(["PUSH", "PULL"]) });

export const staffSyncSchema = z.object({
  userId: z.string().min(1),
  connectionId: z.string().min(1),
  /** Blank: a strong password is generated and set in both systems. */
  password: z.string().max(200).optional().transform((v) => v || undefined),
});
export const staffActiveSchema = z.object({ userId: z.string().min(1), active: z.boolean() });
export const staffPasswordSchema = z.object({
  userId: z.string().min(1),
  password: z.string().min(10, "At least 10 characters").max(200).optional(),
});
