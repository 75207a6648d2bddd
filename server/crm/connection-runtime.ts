/**
 * From a stored connection row to a working connector: the access key is
 * decrypted in memory only, the module settings are validated, and one
 * connector per connection is kept per process (it holds the CRM session, so
 * reusing it saves a login per item). Settings that change the way we talk
 * to the CRM change the cache key, so an edit takes effect at once.
 */
import crypto from "node:crypto";
import { appEnv } from "@/server/config-readers";
import type { CrmConnection } from "@/server/generated/prisma/client";
import { modulesSchema } from "@/lib/validators/crm";
import type { ConnectionConfig, CrmConnector, ModuleSyncConfig } from "./connector";
import { getConnectorProvider } from "./connector-registry";
import { db } from "@/server/db";
import { recordRemoteCall } from "./engine/call-log";
import { decryptSecret } from "./secret-box";

export type ConnectionRow = Pick<
  CrmConnection,
  "id" | "provider" | "baseUrl" | "username" | "secretCiphertext" | "modules"
> & { companyId?: string | null };

/** The connection's enabled modules (invalid stored JSON counts as none enabled). */
export function moduleConfigsOf(conn: Pick<CrmConnection, "modules">): Record<string, ModuleSyncConfig> {
  const parsed = modulesSchema.safeParse(conn.modules);
  return parsed.success ? parsed.data : {};
}

/** The ConnectionConfig a connector needs, with the secret decrypted. */
export function connectionConfigOf(conn: ConnectionRow, timeoutMs = appEnv.crm().remoteTimeoutMs): ConnectionConfig {
  return {
    baseUrl: conn.baseUrl,
    username: conn.username,
    secret: decryptSecret(conn.secretCiphertext, "crm-connection"),
    modules: moduleConfigsOf(conn),
    timeoutMs,
    companyId: conn.companyId ?? null,
  };
}

const cache = new Map<string, { key: string; connector: CrmConnector }>();

function cacheKey(conn: ConnectionRow, timeoutMs: number): string {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([conn.provider, conn.baseUrl, conn.username, conn.secretCiphertext, conn.modules, timeoutMs, conn.companyId ?? null]))
    .digest("hex");
}

/** A connector for the connection whose calls go to the remote-call log. */
export function connectorFor(conn: ConnectionRow, opts: { timeoutMs?: number } = {}): CrmConnector {
  const timeoutMs = opts.timeoutMs ?? appEnv.crm().remoteTimeoutMs;
  const key = cacheKey(conn, timeoutMs);
  const hit = cache.get(conn.id);
  if (hit && hit.key === key) return hit.connector;
  const connector = getConnectorProvider(conn.provider).create(connectionConfigOf(conn, timeoutMs), {
    onCall: (event) => recordRemoteCall(conn.id, event),
    // The CRM's quota is per account, not per instance: every instance paces from one row.
    pacingDb: db,
  });
  cache.set(conn.id, { key, connector });
  return connector;
}

/** Forgets the cached connector (after a delete or a failed login). */
export function forgetConnector(connectionId: string): void {
  cache.delete(connectionId);
}
