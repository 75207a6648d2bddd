/**
 * The field mappings a connection uses for one entity: the connector's
 * defaults, overridden by the custom mappings admins keep in the console
 * (a custom row for the same remote field replaces the default; an inactive
 * one switches it off), limited to the fields the connection enables.
 */
import type { CrmFieldMapping } from "@/server/generated/prisma/client";
import type { ModuleSyncConfig } from "../connector";
import { getConnectorProvider } from "../connector-registry";
import { defaultRuleOf, localFieldsOf } from "../entities/entity-fields";
import type { OwnerRule } from "./field-ownership";
import type { FieldType } from "./field-values";

export interface EffectiveMapping {
  localPath: string;
  remoteField: string;
  module: string;
  fieldType: FieldType;
  ownerRule: OwnerRule;
  source: "default" | "custom";
  /** The custom row, when there is one. */
  mappingId?: string;
  /** False when the connection does not enable the remote field (shown, never synced). */
  enabled: boolean;
}

export type CustomMappingRow = Pick<
  CrmFieldMapping,
  "id" | "entity" | "module" | "localPath" | "remoteField" | "fieldType" | "ownerRule" | "active"
>;

/** Every mapping of `entity` on the connection, default and custom, with whether it is in effect. */
export function listMappings(
  provider: string,
  modules: Readonly<Record<string, ModuleSyncConfig>>,
  custom: readonly CustomMappingRow[],
  entity: string,
): (EffectiveMapping & { active: boolean })[] {
  const p = getConnectorProvider(provider);
  const remoteModule = p.entityModules[entity as keyof typeof p.entityModules];
  if (!remoteModule) return [];
  const cfg = modules[remoteModule];
  const enabled = new Set(cfg?.fields ?? []);
  const typeOf = (path: string): FieldType => localFieldsOf(entity).find((f) => f.path === path)?.type ?? "TEXT";
  const rows = new Map<string, EffectiveMapping & { active: boolean }>();
  for (const d of p.defaultFieldMappings(entity as Parameters<typeof p.defaultFieldMappings>[0])) {
    rows.set(d.remoteField, {
      localPath: d.localPath,
      remoteField: d.remoteField,
      module: remoteModule,
      fieldType: typeOf(d.localPath),
      ownerRule: defaultRuleOf(entity, d.localPath),
      source: "default",
      enabled: enabled.has(d.remoteField),
      active: true,
    });
  }
  for (const c of custom) {
    if (c.entity !== entity || c.module !== remoteModule) continue;
    rows.set(c.remoteField, {
      localPath: c.localPath,
      remoteField: c.remoteField,
      module: remoteModule,
      fieldType: c.fieldType,
      ownerRule: c.ownerRule,
      source: "custom",
      mappingId: c.id,
      enabled: enabled.has(c.remoteField),
      active: c.active,
    });
  }
  // Our own id travels in the key field, never through a mapping.
  if (cfg?.externalKeyField) rows.delete(cfg.externalKeyField);
  return [...rows.values()];
}

/** The mappings that sync: active, and enabled on the connection. */
export function effectiveMappings(
  provider: string,
  modules: Readonly<Record<string, ModuleSyncConfig>>,
  custom: readonly CustomMappingRow[],
  entity: string,
): EffectiveMapping[] {
  return listMappings(provider, modules, custom, entity)
    .filter((m) => m.active && m.enabled)
    .map(({ active: _active, ...m }) => m);
}

/** Field types by local path, for canonical values. */
export function typesByPath(mappings: readonly EffectiveMapping[]): Record<string, FieldType> {
  return Object.fromEntries(mappings.map((m) => [m.localPath, m.fieldType]));
}

/** Owner rules by local path, for reconciliation. */
export function rulesByPath(mappings: readonly EffectiveMapping[]): Record<string, OwnerRule> {
  return Object.fromEntries(mappings.map((m) => [m.localPath, m.ownerRule]));
}
