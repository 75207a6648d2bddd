import { z } from "zod";
import { pagingSchema } from "./common";

// Mirrors the Prisma enums of the login audit (safe for client code).
export const LOGIN_RESULTS = ["SUCCESS", "FAILURE"] as const;
export const LOGIN_EVENT_KINDS = ["SIGN_IN", "MAGIC_LINK_REQUEST", "SIGN_OUT"] as const;
export const LOGIN_FAILURE_REASONS = [
  "BAD_PASSWORD",
  "UNKNOWN_USER",
  "DISABLED_USER",
  "EXPIRED_LINK",
  "INVALID_LINK",
  "RATE_LIMITED",
  "BLOCKED_ADDRESS",
  "OTHER",
] as const;
export const LOGIN_GROUP_BY = ["ip", "country", "user"] as const;
export const LOGIN_CHART_DAYS = [1, 7, 30, 90] as const;

export type LoginResultValue = (typeof LOGIN_RESULTS)[number];
export type LoginEventKindValue = (typeof LOGIN_EVENT_KINDS)[number];
export type LoginFailureReasonValue = (typeof LOGIN_FAILURE_REASONS)[number];
export type LoginGroupBy = (typeof LOGIN_GROUP_BY)[number];

/** An ip-api-compatible URL template: http(s) with an `{ip}` placeholder. */
export const geoEndpointSchema = z
  .string()
  .trim()
  .max(500, { message: "must be at most 500 characters" })
  .refine((value) => value.includes("{ip}"), { message: "must contain {ip} where the address goes" })
  .refine(
    (value) => {
      try {
        const url = new URL(value.replace("{ip}", "192.0.2.1"));
        return url.protocol === "http:" || url.protocol === "https:";
      } catch {
        return false;
      }
    },
    { message: "must be an http:// or https:// URL" },
  );

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v ? v : undefined))
    .optional();

/** Filters of the Login events views; every one optional. */
export const loginEventFilterSchema = z.object({
  result: z.enum(LOGIN_RESULTS).optional(),
  reason: z.enum(LOGIN_FAILURE_REASONS).optional(),
  kind: z.enum(LOGIN_EVENT_KINDS).optional(),
  userId: optionalText(64),
  /** Part of the typed login, case-insensitive. */
  login: optionalText(254),
  /** An address, or its beginning (e.g. "203.0.113."). */
  ip: optionalText(64),
  /** ISO 3166-1 alpha-2. */
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { message: "must be a two-letter country code" })
    .transform((v) => v.toUpperCase())
    .optional()
    .or(z.literal("").transform(() => undefined)),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** Only attempts whose login matched no account. */
  unknownUsers: z.boolean().optional(),
});
export type LoginEventFilter = z.infer<typeof loginEventFilterSchema>;

const fromBeforeTo = (value: { from?: Date; to?: Date }) => !value.from || !value.to || value.from <= value.to;
const fromBeforeToMessage = { message: "'from' must be before 'to'", path: ["from"] };

export const listLoginEventsSchema = pagingSchema.extend(loginEventFilterSchema.shape).refine(fromBeforeTo, fromBeforeToMessage);
export type ListLoginEventsInput = z.infer<typeof listLoginEventsSchema>;

export const groupLoginEventsSchema = loginEventFilterSchema
  .extend({ by: z.enum(LOGIN_GROUP_BY), limit: z.number().int().min(1).max(200).default(50) })
  .refine(fromBeforeTo, fromBeforeToMessage);
export type GroupLoginEventsInput = z.infer<typeof groupLoginEventsSchema>;

export const loginChartSchema = z.object({
  days: z.union([z.literal(1), z.literal(7), z.literal(30), z.literal(90)]).default(7),
});
export type LoginChartInput = z.infer<typeof loginChartSchema>;

export const listUsersSchema = pagingSchema.extend({ search: optionalText(200) });
export type ListUsersInput = z.infer<typeof listUsersSchema>;

/** The settings form and `audit.settings.update`. */
export const auditSettingsSchema = z.object({
  retentionDays: z.number().int().min(0, { message: "0 keeps rows forever" }).max(3650),
  burstThreshold: z.number().int().min(1).max(1000),
  burstWindowMinutes: z.number().int().min(1).max(1440),
  burstCooldownMinutes: z.number().int().min(0).max(10_080),
  alertsEnabled: z.boolean(),
  /** Empty or null: use GEO_ENDPOINT from the environment. */
  geoEndpoint: z
    .union([geoEndpointSchema, z.literal(""), z.null()])
    .transform((v) => (v ? v : null)),
  rateLimitPerLogin: z.number().int().min(0, { message: "0 turns the limit off" }).max(1000),
  rateLimitPerIp: z.number().int().min(0, { message: "0 turns the limit off" }).max(10_000),
  rateLimitWindowMinutes: z.number().int().min(1).max(1440),
});
export type AuditSettingsInput = z.input<typeof auditSettingsSchema>;
export type AuditSettingsValues = z.output<typeof auditSettingsSchema>;

/** The failures page; `login` (from the alert e-mail's link) adds that login's own failures and actions. */
export const recentFailuresSchema = z.object({ login: optionalText(254) }).optional();
