import { z } from "zod";

// An empty variable (common in .env files and compose files) means "unset".
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

/**
 * The background-job variables. Spread into `envSchema` in server/config.ts
 * (validated at start, listed in the README); the app reads them through
 * appEnv.jobs() (server/config-readers.ts), which CLI tools can load too.
 */
export const jobsEnvSchema = z.object({
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.preprocess(unsetIfEmpty, z.string().url().optional()),
  /** "inline": no Inngest; after-request work runs in-process and no schedule runs (test stacks only; see README). */
  BACKGROUND_JOBS: z.preprocess(unsetIfEmpty, z.enum(["inngest", "inline"]).default("inngest")),
});

export type JobsEnv = z.infer<typeof jobsEnvSchema>;

/** The background-job variables from `env`; throws naming a bad one. */
export function readJobsEnv(env: Record<string, string | undefined>): JobsEnv {
  return jobsEnvSchema.parse({
    INNGEST_EVENT_KEY: env.INNGEST_EVENT_KEY,
    INNGEST_SIGNING_KEY: env.INNGEST_SIGNING_KEY,
    INNGEST_DEV: env.INNGEST_DEV,
    INNGEST_BASE_URL: env.INNGEST_BASE_URL,
    BACKGROUND_JOBS: env.BACKGROUND_JOBS,
  });
}
