/**
 * "Test connection": log in with the values on the form (or the stored ones)
 * and list the modules the CRM user can see, with warnings about enabled
 * modules or fields the CRM does not have, and the fields of each enabled
 * module as its describe reports them (the form's field picker). Never
 * throws for a CRM failure: the form shows the reason.
 */
import type { Db } from "@/server/db";
import { testConnectionSchema, type TestConnectionInput } from "@/lib/validators/crm";
import type { RemoteField, RemoteModuleInfo } from "../connector";
import { connectionConfigOf, moduleConfigsOf } from "../connection-runtime";
import { getConnectorProvider } from "../connector-registry";
import { flushCallLog, withCallContext } from "../engine/call-log";
import { recordRemoteCall } from "../engine/call-log";
import { CrmError } from "../errors";
import { assertCrmBaseUrl, type BaseUrlCheckOptions } from "./check-base-url";
import { getLiveConnectionOrThrow, normaliseBaseUrl } from "./manage-connections";

export type TestConnectionOutcome =
  | { ok: true; modules: RemoteModuleInfo[]; userName: string; warnings: string[]; fields: Record<string, RemoteField[]> }
  | { ok: false; kind: string; message: string };

export async function testConnection(
  db: Db,
  input: TestConnectionInput,
  opts: BaseUrlCheckOptions & { timeoutMs?: number },
): Promise<TestConnectionOutcome> {
  const data = testConnectionSchema.parse(input);
  const stored = data.connectionId ? await getLiveConnectionOrThrow(db, data.connectionId) : null;
  const provider = stored?.provider ?? data.provider;
  const baseUrl = normaliseBaseUrl(data.baseUrl ?? stored?.baseUrl ?? "");
  const username = data.username ?? stored?.username;
  const secret = data.accessKey || (stored ? connectionConfigOf(stored).secret : undefined);
  if (!baseUrl) throw new CrmError("bad_request", "Base URL is required", "baseUrl");
  if (!username) throw new CrmError("bad_request", "User name is required", "username");
  if (!secret) throw new CrmError("bad_request", "Access key is required", "accessKey");
  await assertCrmBaseUrl(baseUrl, opts);
  const p = getConnectorProvider(provider);
  const modules = data.modules ?? (stored ? moduleConfigsOf(stored) : p.defaultModules());
  const connector = p.create(
    {
      baseUrl,
      username,
      secret,
      modules,
      timeoutMs: opts.timeoutMs ?? 15_000,
      companyId: data.companyId === undefined ? (stored?.companyId ?? null) : data.companyId,
    },
    // Only a stored connection has a call log to write to.
    { onCall: stored ? (e) => recordRemoteCall(stored.id, e) : undefined },
  );
  const result = await withCallContext({ correlationId: `test:${Date.now()}` }, async () => {
    const outcome = await connector.testConnection();
    if (!outcome.ok) return { ...outcome, fields: {} };
    // testConnection described every enabled module it can see; the connector's cache answers these.
    const visible = new Set(outcome.modules.map((m) => m.name));
    const fields: Record<string, RemoteField[]> = {};
    for (const m of Object.keys(modules).filter((name) => visible.has(name))) fields[m] = (await connector.describe(m)).fields;
    return { ...outcome, fields };
  });
  if (stored) {
    await flushCallLog(db).catch(() => undefined);
    await db.crmConnection.update({
      where: { id: stored.id },
      data: { lastTestedAt: new Date(), lastTestOk: result.ok, lastTestError: result.ok ? null : result.error.message },
    });
  }
  if (!result.ok) return { ok: false, kind: result.error.kind, message: result.error.message };
  return { ok: true, modules: result.modules, userName: result.user.userName, warnings: result.warnings, fields: result.fields };
}
