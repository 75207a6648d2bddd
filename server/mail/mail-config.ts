import { z } from "zod";

/**
 * The mail variables. Spread into `envSchema` in server/config.ts and read here
 * without config.ts (server-only), because the seed and CLI tools send mail too.
 */
export const mailEnvSchema = z.object({
  /** smtp(s)://user:pass@host:port; unset keeps every e-mail in the Outbox unsent. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Switchboard <no-reply@switchboard.local>"),
  /** An unsent message older than this is closed and its sealed body deleted (its links have expired). */
  MAIL_BODY_MAX_AGE_DAYS: z.coerce.number().int().positive().default(30),
});

export type MailEnv = z.infer<typeof mailEnvSchema>;

/** The mail variables from `env`, with defaults. */
export function readMailEnv(env: Record<string, string | undefined>): MailEnv {
  return mailEnvSchema.parse({
    SMTP_URL: env.SMTP_URL || undefined,
    MAIL_FROM: env.MAIL_FROM || undefined,
    MAIL_BODY_MAX_AGE_DAYS: env.MAIL_BODY_MAX_AGE_DAYS || undefined,
  });
}
