/**
 * The ledger's settings from the environment (spread into server/config.ts,
 * which validates everything at start-up). Stripe's key comes from billing's
 * settings; Lago is only needed while Lago-era (`lago:…`) invoices are verified.
 */
import { z } from "zod";

export const ledgerEnvSchema = z.object({
  /** Lago's API base, e.g. https://billing.example.com (the ledger calls /api/v1/invoices/{id}); unset = Lago invoices wait. */
  LAGO_API_URL: z.string().url({ message: "must be a URL such as https://api.getlago.com" }).optional(),
  /** Lago API key (Bearer); never logged. */
  LAGO_API_KEY: z.string().optional(),
});

export interface LedgerConfig {
  lagoApiUrl: string | null;
  lagoApiKey: string | null;
  /** Lets the Lago call reach loopback (local fakes): OUTBOUND_ALLOW_LOOPBACK. */
  allowLoopback: boolean;
}

export function ledgerConfig(env: NodeJS.ProcessEnv): LedgerConfig {
  const parsed = ledgerEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid ledger configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return {
    lagoApiUrl: parsed.data.LAGO_API_URL ?? null,
    lagoApiKey: parsed.data.LAGO_API_KEY || null,
    allowLoopback: env.OUTBOUND_ALLOW_LOOPBACK === "true" || env.OUTBOUND_ALLOW_LOOPBACK === "1",
  };
}
