import "server-only";
import { z } from "zod";
import { aiEnvSchema } from "./ai/ai-env";
import { applicationsEnvSchema } from "./applications/applications-env";
import { auditEnvSchema } from "./audit/audit-env";
import { billingEnvSchema } from "./billing/billing-config";
import { crmEnvSchema } from "./crm/crm-config";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

/**
 * Every environment variable Switchboard reads, with its default. The README's
 * table mirrors this schema; parse once at start-up (instrumentation.ts) so a
 * bad value stops the server with a message naming the variable.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url({ message: "must be a postgresql:// URL" }),
  APP_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, { message: "must be at least 32 characters" }),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Switchboard <no-reply@switchboard.local>"),
  SUPPORT_EMAIL: z.string().email().default("support@switchboard.local"),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Trust X-Forwarded-For from the proxy in front of us. */
  TRUST_PROXY: bool.default(false),

  // Helpdesk (server/helpdesk/helpdesk-config.ts): magic follow-up links.
  HELPDESK_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  HELPDESK_LINK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),

  // Billing (server/billing/billing-config.ts): STRIPE_*, WEBHOOK_ALLOW_LOOPBACK, BILLING_*.
  ...billingEnvSchema.shape,
  // Login audit (server/audit/audit-env.ts): GEO_ENDPOINT, GEO_TIMEOUT_MS, REVERSE_DNS_TIMEOUT_MS.
  ...auditEnvSchema.shape,
  // Approvals (server/ai/ai-env.ts): AI_BASE_URL, AI_API_KEY, AI_MODEL, AI_TIMEOUT_MS for AI summaries.
  ...aiEnvSchema.shape,
  // CRM sync (server/crm/crm-config.ts): CRM_* and VTIGER_WEBHOOK_SECRET.
  ...crmEnvSchema.shape,
  // Applications (server/applications/applications-env.ts): APPLICATIONS_MAX_PDF_MB, APPLICATIONS_SIGNING_LINK_TTL_DAYS.
  ...applicationsEnvSchema.shape,
});

export type AppConfig = z.infer<typeof envSchema>;

let cached: AppConfig | undefined;

/** Parses process.env once; throws one message that names every bad variable. */
export function getConfig(): AppConfig {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Test hook: forget the parsed configuration after changing process.env. */
export function resetConfigForTests(): void {
  cached = undefined;
}
