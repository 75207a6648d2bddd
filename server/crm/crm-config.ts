/**
 * CRM sync settings from the environment. The schema is spread into
 * server/config.ts (validated at start-up); the app reads it through
 * appEnv.crm() (server/config-readers.ts), tests pass their own env. Domain
 * functions take these values as parameters; entry points call appEnv.crm().
 */
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

/** CRM's environment variables, with defaults (documented in the README's table). */
export const crmEnvSchema = z.object({
  /** Key for the CRM access keys at rest (AES-256-GCM); ≥ 32 characters; required in production. */
  CRM_ENCRYPTION_KEY: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  /** Lets a CRM base URL point at loopback (local fakes); unset = allowed outside production only. */
  CRM_ALLOW_LOOPBACK: bool.optional(),
  /** Days the remote-call log (and finished queue items) are kept. */
  CRM_CALL_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Attempts of a queue item before it goes to the dead letter. */
  CRM_QUEUE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay step and its cap (exponential backoff with full jitter; Retry-After wins when longer). */
  CRM_BACKOFF_BASE_MS: z.coerce.number().int().min(0).default(30_000),
  CRM_BACKOFF_MAX_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** Timeout of one call to a CRM. */
  CRM_REMOTE_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** Queue workers running at once over all connections (Inngest concurrency). */
  CRM_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  /** Worker runs started per connection and minute (Inngest throttle). */
  CRM_WORKER_RUNS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Shared secret of the Vtiger lead-conversion webhook; unset = the webhook refuses every call. */
  VTIGER_WEBHOOK_SECRET: z.string().min(16, { message: "must be at least 16 characters" }).optional(),
});

export interface CrmConfig {
  encryptionKey: string | null;
  allowLoopback: boolean;
  callLogRetentionDays: number;
  maxAttempts: number;
  backoff: { baseMs: number; maxMs: number };
  remoteTimeoutMs: number;
  workerConcurrency: number;
  workerRunsPerMinute: number;
  vtigerWebhookSecret: string | null;
  production: boolean;
}

/** Parses the CRM variables from `env`; throws naming the bad variable. */
export function crmConfig(env: NodeJS.ProcessEnv): CrmConfig {
  const parsed = crmEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid CRM configuration:\n${lines.join("\n")}`);
  }
  const v = parsed.data;
  const production = env.NODE_ENV === "production";
  return {
    encryptionKey: v.CRM_ENCRYPTION_KEY ?? null,
    allowLoopback: v.CRM_ALLOW_LOOPBACK ?? !production,
    callLogRetentionDays: v.CRM_CALL_LOG_RETENTION_DAYS,
    maxAttempts: v.CRM_QUEUE_MAX_ATTEMPTS,
    backoff: { baseMs: v.CRM_BACKOFF_BASE_MS, maxMs: Math.max(v.CRM_BACKOFF_BASE_MS, v.CRM_BACKOFF_MAX_MS) },
    remoteTimeoutMs: v.CRM_REMOTE_TIMEOUT_MS,
    workerConcurrency: v.CRM_WORKER_CONCURRENCY,
    workerRunsPerMinute: v.CRM_WORKER_RUNS_PER_MINUTE,
    vtigerWebhookSecret: v.VTIGER_WEBHOOK_SECRET ?? null,
    production,
  };
}
