import "server-only";
import { z } from "zod";
import { aiEnvSchema } from "./ai/ai-env";
import { applicationsEnvSchema } from "./applications/applications-env";
import { parseTrustProxy } from "./audit/client-ip";
import { auditEnvSchema } from "./audit/audit-env";
import { billingEnvSchema } from "./billing/billing-config";
import { crmEnvSchema } from "./crm/crm-config";
import { helpdeskEnvSchema } from "./helpdesk/helpdesk-config";
import { appUrlEnvSchema, identityEnvSchema } from "./app-url";
import { dbEnvSchema } from "./db-pool";
import { logEnvSchema } from "./logger";
import { mailEnvSchema } from "./mail/mail-config";
import { productionJobsProblems } from "./ops/background-jobs-mode";
import { jobsEnvSchema } from "./ops/jobs-config";
import { ledgerEnvSchema } from "./ledger/ledger-config";

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
  ...appUrlEnvSchema.shape,
  // NEXTAUTH_SECRET, NEXTAUTH_URL, SUPPORT_EMAIL (server/app-url.ts).
  ...identityEnvSchema.shape,
  // Mail (server/mail/mail-config.ts): SMTP_URL, MAIL_FROM, MAIL_BODY_MAX_AGE_DAYS.
  ...mailEnvSchema.shape,
  // Background jobs (server/ops/jobs-config.ts): INNGEST_*, BACKGROUND_JOBS.
  ...jobsEnvSchema.shape,
  // DB_POOL_SIZE (server/db-pool.ts).
  ...dbEnvSchema.shape,
  // LOG_LEVEL (server/logger.ts).
  ...logEnvSchema.shape,
  /**
   * Which X-Forwarded-For entries our own proxies wrote: unset (clients connect
   * directly; the socket address counts), a hop count, or the proxies' addresses/CIDRs.
   */
  TRUST_PROXY: z.string().optional().superRefine((value, ctx) => {
    try {
      parseTrustProxy(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
    }
  }),
  /** Seals outbox bodies (their links carry live tokens); required in production, 32+ characters. */
  MAIL_ENCRYPTION_KEY: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  /** Lets geolocation and AI calls reach loopback (local fakes, a model server on this host). */
  OUTBOUND_ALLOW_LOOPBACK: bool.default(false),

  // Helpdesk (server/helpdesk/helpdesk-config.ts): magic follow-up links.
  ...helpdeskEnvSchema.shape,

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
  // Invoice ledger (server/ledger/ledger-config.ts): LAGO_API_URL, LAGO_API_KEY for verifying lago:… invoices.
  ...ledgerEnvSchema.shape,
});

export type AppConfig = z.infer<typeof envSchema>;

/** Settings that are optional in development but must be explicit in production. */
function productionIssues(config: AppConfig): string[] {
  if (config.NODE_ENV !== "production") return [];
  const issues: string[] = [];
  if (!config.MAIL_ENCRYPTION_KEY) issues.push("  MAIL_ENCRYPTION_KEY: required in production (it seals e-mail bodies that carry sign-in and follow-up links)");
  return issues;
}

let cached: AppConfig | undefined;

/** Parses process.env once; throws one message that names every bad variable. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Parses `env`; throws one message naming every bad variable, and what production lacks for background jobs. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  // Everything production lacks, in one message, so one failed start names it all.
  const production = productionIssues(parsed.data);
  const jobs = productionJobsProblems(parsed.data);
  if (production.length > 0 || jobs.length > 0) {
    const parts = [
      ...(production.length > 0 ? [`Invalid environment configuration:\n${production.join("\n")}`] : []),
      ...(jobs.length > 0 ? [`Background jobs need Inngest in production (Inngest Cloud or a self-hosted server):\n${jobs.map((l) => `  ${l}`).join("\n")}`] : []),
    ];
    throw new Error(parts.join("\n"));
  }
  return parsed.data;
}

// The per-area readers the app calls live beside this module, without its server-only guard (CLI tools reach them).
export { appEnv } from "./config-readers";

/** Test hook: forget the parsed configuration after changing process.env. */
export function resetConfigForTests(): void {
  cached = undefined;
}
