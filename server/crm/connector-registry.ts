/**
 * The one place that knows which connectors exist. The engine asks this
 * registry for a CrmConnector by provider key and never imports a connector
 * itself, so a second CRM (Ascora) plugs in here without touching the engine.
 */
import type { DbOrTx } from "@/server/db";
import type { ConnectionConfig, ConnectorError, CrmConnector, CrmEntity, FieldMapping, ModuleSyncConfig } from "./connector";
import { createVtigerConnector } from "./connectors/vtiger/vtiger-connector";
import { SharedRatePacer } from "./connectors/vtiger/vtiger-rate-limit";
import { VTIGER_ENTITY_MODULES, defaultVtigerFieldMappings, defaultVtigerModules } from "./connectors/vtiger/vtiger-defaults";
import { createAscoraConnector } from "./connectors/ascora/ascora-connector";
import { dispatchAccountingImport } from "@/server/billing/external/dispatch-accounting-import";
import { ASCORA_ENTITY_MODULES, defaultAscoraFieldMappings, defaultAscoraModules } from "./connectors/ascora/ascora-defaults";

/** One HTTP request a connector made (for the remote-call log); never parameters. */
export interface RemoteCallEvent {
  operation: string;
  ok: boolean;
  attempt: number;
  httpStatus?: number;
  durationMs: number;
  error?: ConnectorError;
}

export interface ConnectorHooks {
  onCall?: (event: RemoteCallEvent) => void;
  /**
   * Where the CRM account's rate-limit state lives so every app instance
   * spends from the same quota; without it a connector paces in memory.
   */
  pacingDb?: DbOrTx;
}

export interface ConnectorProvider {
  id: string;
  label: string;
  /** Which remote module holds each local entity (known without credentials). */
  entityModules: Readonly<Partial<Record<CrmEntity, string>>>;
  /** Suggested module settings for a new connection. */
  defaultModules: () => Record<string, ModuleSyncConfig>;
  /** The connector's suggested mappings per entity (same as CrmConnector.defaultFieldMappings). */
  defaultFieldMappings: (entity: CrmEntity) => FieldMapping[];
  /** Module that must be enabled for staff provisioning, if the CRM supports it. */
  userModule?: string;
  /** Entities a pull reads field by field (default: customers). */
  pulledEntities?: readonly CrmEntity[];
  /** What the connection form calls the base URL, the account and its secret. */
  labels: { baseUrl: string; baseUrlHint: string; username: string; secret: string };
  /** Invoices and payments come from the CRM's accounting API (Ascora). */
  importsAccounting?: boolean;
  /** Work that follows each pull of a connection (after its customers are linked); hands off, never waits. */
  afterPull?: (connectionId: string) => Promise<void>;
  create: (config: ConnectionConfig, hooks: ConnectorHooks) => CrmConnector;
}

const PROVIDERS: Record<string, ConnectorProvider> = {
  vtiger: {
    id: "vtiger",
    label: "Vtiger CRM",
    entityModules: VTIGER_ENTITY_MODULES,
    defaultModules: defaultVtigerModules,
    defaultFieldMappings: defaultVtigerFieldMappings,
    userModule: "Users",
    labels: { baseUrl: "Base URL", baseUrlHint: "https://crm.example.com/vtigercrm", username: "User name", secret: "Access key" },
    create: (config, hooks) =>
      createVtigerConnector(config, {
        clientOptions: {
          onCall: hooks.onCall,
          // The quota belongs to the CRM account, so the key is the account, not the connection.
          pacer: hooks.pacingDb && new SharedRatePacer(hooks.pacingDb, `vtiger:${config.baseUrl}|${config.username}`),
        },
      }),
  },
  ascora: {
    id: "ascora",
    label: "Ascora",
    entityModules: ASCORA_ENTITY_MODULES,
    defaultModules: defaultAscoraModules,
    defaultFieldMappings: defaultAscoraFieldMappings,
    pulledEntities: ["customer"],
    labels: { baseUrl: "Ascora API URL", baseUrlHint: "https://www.ascora.com.au/acct/api", username: "Ascora account (user name)", secret: "Password" },
    importsAccounting: true,
    afterPull: (connectionId) => dispatchAccountingImport(connectionId),
    create: (config, hooks) => createAscoraConnector(config, hooks),
  },
};

/** Every provider a connection can use, for the "add connection" form. */
export function listConnectorProviders(): ConnectorProvider[] {
  return Object.values(PROVIDERS);
}

/** The provider by key; throws for an unknown one (a connection row from a newer version, say). */
export function getConnectorProvider(provider: string): ConnectorProvider {
  const found = Object.hasOwn(PROVIDERS, provider) ? PROVIDERS[provider] : undefined;
  if (!found) throw new Error(`Unknown CRM provider "${provider}"`);
  return found;
}
