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

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function helpdeskConfig(): HelpdeskConfig {
  return {
    appUrl: appUrl(),
    linkTtlDays: positiveInt(process.env.HELPDESK_LINK_TTL_DAYS, 30),
    linkRateLimitPerMinute: positiveInt(process.env.HELPDESK_LINK_RATE_LIMIT_PER_MINUTE, 30),
  };
}
