/**
 * The applications area's environment variables. Spread into `envSchema` in
 * server/config.ts so start-up validates them and the README lists them; read
 * here so domain code and tests need not import the server-only config.
 */
import { z } from "zod";

const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const applicationsEnvSchema = z.object({
  /** Largest application PDF accepted, in megabytes. */
  APPLICATIONS_MAX_PDF_MB: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(50).default(15)),
  /** Days a remote signing link stays valid after it is sent or resent. */
  APPLICATIONS_SIGNING_LINK_TTL_DAYS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(60).default(7)),
});

export interface ApplicationsConfig {
  maxPdfBytes: number;
  signingLinkTtlDays: number;
  appUrl: string;
}

/** Parsed settings; a bad value falls back to the default here (start-up already refused it). */
export function applicationsConfig(env: Record<string, string | undefined>): ApplicationsConfig {
  const parsed = applicationsEnvSchema.safeParse(env);
  const values = parsed.success ? parsed.data : applicationsEnvSchema.parse({});
  return {
    maxPdfBytes: values.APPLICATIONS_MAX_PDF_MB * 1024 * 1024,
    signingLinkTtlDays: values.APPLICATIONS_SIGNING_LINK_TTL_DAYS,
    appUrl: (env.APP_URL || "http://localhost:3000").replace(/\/+$/, ""),
  };
}
