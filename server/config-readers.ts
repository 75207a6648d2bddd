/**
 * Typed, cached settings from the environment, one reader per area. The area
 * modules (billing-config, crm-config, ai-env, …) keep the zod schemas and
 * pure parse functions that take an env object, so tests pass their own; the
 * app calls these. No `server-only` import, unlike server/config.ts, because
 * CLI tools reach the same code.
 */
import { readAiConfig } from "@/server/ai/ai-env";
import { approvalContextFromEnv } from "@/server/approvals/approval-context";
import { appSecret, appUrl, servedOverHttps, supportEmail } from "@/server/app-url";
import { applicationsConfig } from "@/server/applications/applications-env";
import { readAuditEnv } from "@/server/audit/audit-env";
import { parseTrustProxy, type TrustProxy } from "@/server/audit/client-ip";
import { billingConfig } from "@/server/billing/billing-config";
import { crmConfig } from "@/server/crm/crm-config";
import { crmEncryptionKey } from "@/server/crm/secret-box";
import { helpdeskConfig } from "@/server/helpdesk/helpdesk-config";
import { ledgerConfig } from "@/server/ledger/ledger-config";
import { readMailEnv } from "@/server/mail/mail-config";
import { allowsLoopback, type OutboundPurpose } from "@/server/net/guarded-fetch";
import { readJobsEnv } from "@/server/ops/jobs-config";
import { keyFromEnv } from "@/server/security/sealed-box";
import { cachedEnvReader } from "./config-env";

const sealingKeys = new Map<string, () => Buffer>();

/** Typed, cached settings from the environment; each names its area module's parser. */
export const appEnv = {
  nodeEnv: cachedEnvReader((env) => env.NODE_ENV ?? "development"),
  appUrl: cachedEnvReader((env) => appUrl(env)),
  appSecret: cachedEnvReader((env) => appSecret(env)),
  servedOverHttps: cachedEnvReader((env) => servedOverHttps(env)),
  supportEmail: cachedEnvReader((env) => supportEmail(env)),
  /** TRUST_PROXY; a bad value already stopped the server at start, so per request it must not throw. */
  trustProxy: cachedEnvReader((env): TrustProxy => {
    try {
      return parseTrustProxy(env.TRUST_PROXY);
    } catch {
      return { kind: "none" };
    }
  }),
  allowsLoopback: (purpose: OutboundPurpose) => loopback()[purpose],
  ai: cachedEnvReader((env) => readAiConfig(env)),
  jobs: cachedEnvReader((env) => readJobsEnv(env)),
  mail: cachedEnvReader((env) => readMailEnv(env)),
  audit: cachedEnvReader((env) => readAuditEnv(env)),
  billing: cachedEnvReader((env) => billingConfig(env)),
  crm: cachedEnvReader((env) => crmConfig(env)),
  crmEncryptionKey: cachedEnvReader((env) => crmEncryptionKey(env)),
  ledger: cachedEnvReader((env) => ledgerConfig(env)),
  helpdesk: cachedEnvReader((env) => helpdeskConfig(env)),
  applications: cachedEnvReader((env) => applicationsConfig(env)),
  approvalContext: cachedEnvReader((env) => approvalContextFromEnv(env)),
  /** The 32-byte key sealed-box derives from `variable` (server/security/sealed-box.ts). */
  sealingKey(variable: string, label: string): Buffer {
    const id = `${variable}\u0000${label}`;
    let read = sealingKeys.get(id);
    if (!read) sealingKeys.set(id, (read = cachedEnvReader((env) => keyFromEnv(variable, label, env))));
    return read();
  },
};

const loopback = cachedEnvReader(
  (env): Record<OutboundPurpose, boolean> => ({
    crm: allowsLoopback("crm", env),
    geo: allowsLoopback("geo", env),
    ai: allowsLoopback("ai", env),
    webhook: allowsLoopback("webhook", env),
  }),
);
