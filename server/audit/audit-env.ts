import { z } from "zod";
import { geoEndpointSchema } from "@/lib/validators/audit";
import { DEFAULT_GEO_ENDPOINT, DEFAULT_GEO_TIMEOUT_MS } from "./geo/lookup-geo";
import { DEFAULT_REVERSE_DNS_TIMEOUT_MS } from "./reverse-dns";

// An empty variable (common in .env files) means "use the default".
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);
const milliseconds = (fallback: number) =>
  z.preprocess(unsetIfEmpty, z.coerce.number().int().min(100).max(30_000).default(fallback));

/**
 * The login audit's environment variables. Spread into `envSchema` in
 * server/config.ts (so start-up validates them and the README lists them) and
 * read here without config.ts, which is server-only and cannot be imported by
 * code that tests and the tRPC router load.
 */
export const auditEnvSchema = z.object({
  /** Geolocation endpoint when the audit settings name none. */
  GEO_ENDPOINT: z.preprocess(unsetIfEmpty, geoEndpointSchema.default(DEFAULT_GEO_ENDPOINT)),
  /** Budget for one geolocation HTTP call, body included. */
  GEO_TIMEOUT_MS: milliseconds(DEFAULT_GEO_TIMEOUT_MS),
  /** Budget for one reverse-DNS lookup. */
  REVERSE_DNS_TIMEOUT_MS: milliseconds(DEFAULT_REVERSE_DNS_TIMEOUT_MS),
});

export type AuditEnv = z.infer<typeof auditEnvSchema>;

/** The audit's variables from `env`, with defaults; throws naming a bad one. */
export function readAuditEnv(env: Record<string, string | undefined>): AuditEnv {
  return auditEnvSchema.parse({
    GEO_ENDPOINT: env.GEO_ENDPOINT,
    GEO_TIMEOUT_MS: env.GEO_TIMEOUT_MS,
    REVERSE_DNS_TIMEOUT_MS: env.REVERSE_DNS_TIMEOUT_MS,
  });
}
