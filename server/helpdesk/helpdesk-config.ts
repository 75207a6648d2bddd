import { z } from "zod";
import { appUrl } from "@/server/app-url";

/**
 * Helpdesk settings read from the environment (see server/config.ts for the
 * documented list). Read directly rather than through getConfig() so domain
 * code stays importable from tests and scripts; callers may override any value.
 */
export interface HelpdeskConfig {
  /** Base URL magic links point at, e.g. https://switchboard.example.com. */
  appUrl: string;
  /** How long a follow-up link stays valid. */
  linkTtlDays: number;
  /** Requests per minute one client address may make to /t/<token> pages. */
  linkRateLimitPerMinute: number;
}

/** The helpdesk's variables; spread into `envSchema` in server/config.ts, which validates them at start. */
export const helpdeskEnvSchema = z.object({
  HELPDESK_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  HELPDESK_LINK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
});

export function helpdeskConfig(env: Record<string, string | undefined>): HelpdeskConfig {
  const v = helpdeskEnvSchema.parse({
    HELPDESK_LINK_TTL_DAYS: env.HELPDESK_LINK_TTL_DAYS || undefined,
    HELPDESK_LINK_RATE_LIMIT_PER_MINUTE: env.HELPDESK_LINK_RATE_LIMIT_PER_MINUTE || undefined,
  });
  return { appUrl: appUrl(env), linkTtlDays: v.HELPDESK_LINK_TTL_DAYS, linkRateLimitPerMinute: v.HELPDESK_LINK_RATE_LIMIT_PER_MINUTE };
}
