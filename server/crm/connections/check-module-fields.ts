/**
 * The fields a connection syncs, checked against what the CRM's `describe`
 * says before they are saved: every chosen field and the key field must
 * exist in the module and be writable (Vtiger's layout editor names custom
 * fields cf_<number>, so a guessed name is the usual mistake). Only what
 * changed is checked, so editing a schedule never needs the CRM to answer.
 */
import {
  createConnectionSchema,
  updateConnectionSchema,
  type CreateConnectionInput,
  type UpdateConnectionInput,
} from "@/lib/validators/crm";
import type { Db } from "@/server/db";
import type { CrmConnection } from "@/server/generated/prisma/client";
import type { ModuleDescription, ModuleSyncConfig } from "../connector";
import { connectionConfigOf, moduleConfigsOf } from "../connection-runtime";
import { getConnectorProvider } from "../connector-registry";
import { flushCallLog, recordRemoteCall, withCallContext } from "../engine/call-log";
import { CrmError } from "../errors";
import { assertCrmBaseUrl, type BaseUrlCheckOptions } from "./check-base-url";
import { getLiveConnectionOrThrow, normaliseBaseUrl } from "./manage-connections";

type Describe = (module: string) => Promise<ModuleDescription>;
type Modules = Record<string, ModuleSyncConfig>;

/** Chosen fields (and key fields) in `next` that `before` did not have, by module. */
function addedFields(next: Modules, before: Modules): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [module, cfg] of Object.entries(next)) {
    const had = new Set([...(before[module]?.fields ?? []), ...(before[module]?.externalKeyField ? [before[module]!.externalKeyField!] : [])]);
    const wanted = [...cfg.fields, ...(cfg.externalKeyField ? [cfg.externalKeyField] : [])].filter((f) => !had.has(f));
    if (wanted.length) out.set(module, [...new Set(wanted)]);
  }
  return out;
}

/** Throws a form error on `modules` naming the first field the CRM does not have or will not let us write. */
export async function assertModuleFieldsWritable(describe: Describe, next: Modules, before: Modules = {}): Promise<void> {
  for (const [module, fields] of addedFields(next, before)) {
    let description: ModuleDescription;
    try {
      description = await describe(module);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CrmError("bad_request", `Could not read ${module}'s fields from the CRM to check them (${reason}). Test the connection, then save again.`, "modules");
    }
    const byName = new Map(description.fields.map((f) => [f.name, f]));
    for (const name of fields) {
      const field = byName.get(name);
      if (!field) throw new CrmError("bad_request", `${module} has no field "${name}" in the CRM. Pick one of the fields it lists.`, "modules");
      if (!field.editable) throw new CrmError("bad_request", `${module}.${name} (${field.label}) is read-only in the CRM and cannot be synced.`, "modules");
    }
  }
}

/** A describe over the values an admin typed (a new connection, or changed credentials), or the stored ones. */
export function describeWith(
  db: Db,
  values: { provider: string; baseUrl: string; username: string; secret: string; modules: Modules },
  stored?: CrmConnection,
): Describe {
  const connector = getConnectorProvider(values.provider).create(
    { baseUrl: values.baseUrl, username: values.username, secret: values.secret, modules: values.modules, timeoutMs: 15_000 },
    { onCall: stored ? (e) => recordRemoteCall(stored.id, e) : undefined },
  );
  return async (module) => {
    try {
      return await withCallContext({ correlationId: `describe:${module}` }, () => connector.describe(module));
    } finally {
      if (stored) await flushCallLog(db).catch(() => undefined);
    }
  };
}

/** The stored connection's values with the edits applied, for describeWith. */
export function editedConnectionValues(
  stored: CrmConnection,
  edit: { baseUrl?: string; username?: string; accessKey?: string; modules?: Modules },
) {
  return {
    provider: stored.provider,
    baseUrl: edit.baseUrl ?? stored.baseUrl,
    username: edit.username ?? stored.username,
    secret: edit.accessKey || connectionConfigOf(stored).secret,
    modules: edit.modules ?? moduleConfigsOf(stored),
  };
}

/** Before creating a connection: its chosen fields, described with the typed credentials. */
export async function assertNewConnectionFields(db: Db, input: CreateConnectionInput, opts: BaseUrlCheckOptions): Promise<void> {
  const data = createConnectionSchema.parse(input);
  const baseUrl = normaliseBaseUrl(data.baseUrl);
  // Never call an address the admin may not use, not even to describe it.
  await assertCrmBaseUrl(baseUrl, opts);
  const describe = describeWith(db, { provider: data.provider, baseUrl, username: data.username, secret: data.accessKey, modules: data.modules });
  await assertModuleFieldsWritable(describe, data.modules);
}

/** Before editing a connection: fields it did not sync before, described with the credentials it will have. */
export async function assertEditedConnectionFields(db: Db, input: UpdateConnectionInput, opts: BaseUrlCheckOptions): Promise<void> {
  const { id, data } = updateConnectionSchema.parse(input);
  if (!data.modules) return;
  const stored = await getLiveConnectionOrThrow(db, id);
  const values = editedConnectionValues(stored, { ...data, baseUrl: data.baseUrl ? normaliseBaseUrl(data.baseUrl) : undefined });
  await assertCrmBaseUrl(values.baseUrl, opts);
  await assertModuleFieldsWritable(describeWith(db, values, stored), data.modules, moduleConfigsOf(stored));
}
