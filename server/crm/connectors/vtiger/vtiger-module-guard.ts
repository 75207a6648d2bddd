/**
 * The gate every write to Vtiger passes through: a module the connection
 * does not enable is refused with a config error, and fields it does not
 * enable are dropped (or, where an operation cannot work without them,
 * refused by name). Values become the text Vtiger expects.
 */
import { ConnectorError, type ModuleSyncConfig } from "../../connector";

/** Vtiger's separator for multi-select picklist values. */
const MULTI_VALUE_SEPARATOR = " |##| ";

/** Fields Vtiger computes itself; never sent. */
const SYSTEM_FIELDS = new Set(["id", "createdtime", "modifiedtime", "modifiedby", "creator"]);

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * A value as Vtiger stores it: text. Dates become YYYY-MM-DD, booleans 1/0,
 * decimals their exact text (never a float), lists Vtiger's multi-value form,
 * null an empty field.
 */
export function toVtigerValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return isoDate(value);
  if (Array.isArray(value)) return value.map(toVtigerValue).join(MULTI_VALUE_SEPARATOR);
  // Decimal (decimal.js / Prisma.Decimal) prints its exact value.
  return String(value);
}

export class ModuleGuard {
  constructor(private readonly modules: Readonly<Record<string, ModuleSyncConfig>>) {}

  isEnabled(module: string): boolean {
    return Object.hasOwn(this.modules, module);
  }

  enabledModules(): string[] {
    return Object.keys(this.modules);
  }

  /** The module's settings; a disabled module is a config error. */
  config(module: string): ModuleSyncConfig {
    const cfg = this.isEnabled(module) ? this.modules[module] : undefined;
    if (!cfg) {
      throw new ConnectorError("config", `Vtiger module ${module} is not enabled for this connection`);
    }
    return cfg;
  }

  private enabledFields(module: string): Set<string> {
    const cfg = this.config(module);
    const fields = new Set(cfg.fields);
    if (cfg.externalKeyField) fields.add(cfg.externalKeyField);
    return fields;
  }

  isFieldEnabled(module: string, field: string): boolean {
    return this.enabledFields(module).has(field);
  }

  /** Refuses an operation that needs fields the connection does not enable. */
  require(module: string, fields: readonly string[]): void {
    const enabled = this.enabledFields(module);
    const missing = fields.filter((f) => !enabled.has(f));
    if (missing.length) {
      throw new ConnectorError("config", `Vtiger ${module}: fields not enabled for this connection: ${missing.join(", ")}`, {
        fields: missing,
      });
    }
  }

  /** Keeps only enabled, writable fields, as Vtiger text; reports what was dropped. */
  filterOutgoing(module: string, data: Readonly<Record<string, unknown>>): { element: Record<string, string>; dropped: string[] } {
    const enabled = this.enabledFields(module);
    const element: Record<string, string> = {};
    const dropped: string[] = [];
    for (const [field, value] of Object.entries(data)) {
      if (SYSTEM_FIELDS.has(field)) continue;
      if (!enabled.has(field)) {
        dropped.push(field);
        continue;
      }
      element[field] = toVtigerValue(value);
    }
    return { element, dropped };
  }

  /** Only the enabled fields of a record read from Vtiger. */
  filterIncoming(module: string, record: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const enabled = this.enabledFields(module);
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) if (enabled.has(field)) out[field] = value;
    return out;
  }
}
