/**
 * The Ascora connector behind the engine's CrmConnector interface: customers
 * both ways with their deletions (assumed calls, A4, A14–A16), notes on jobs
 * (A6), and a connection test through the documented Accounting API. Invoices and payments are not
 * pushed or pulled field by field: server/billing/external imports them
 * through ascora-accounting-api.ts with this connector's `http`.
 */
import {
  ConnectorError,
  toConnectorError,
  type AddNoteInput,
  type ConnectionConfig,
  type CreateTaskInput,
  type CrmConnector,
  type CrmEntity,
  type FieldMapping,
  type ModuleDescription,
  type ModuleSyncConfig,
  type PullChangesInput,
  type PullPage,
  type PushRecordInput,
  type PushRecordResult,
  type RemoteRecord,
  type RemoteRecordRef,
  type TestConnectionResult,
} from "../../connector";
import type { ConnectorHooks } from "../../connector-registry";
import { fetchInvoiceDetails, parseAscoraDate } from "./ascora-accounting-api";
import {
  ASCORA_EXTERNAL_KEY_FIELD,
  addJobNote,
  ascoraWebUrl,
  createCustomer,
  deleteCustomer,
  findCustomerByExternalReference,
  findCustomersByEmail,
  getCustomer,
  isDeletedCustomer,
  listCustomersModifiedSince,
  updateCustomer,
  type AscoraCustomer,
} from "./ascora-assumed-api";
import { ASCORA_ENTITY_MODULES, ASCORA_MODULES, defaultAscoraFieldMappings, defaultAscoraModules } from "./ascora-defaults";
import { AscoraHttp } from "./ascora-http";

const PAGE_SIZE = 100;
/** The connection test asks for invoices before this date: an authenticated, read-only call that returns nothing. */
const TEST_PRIOR_TO = new Date("2000-01-01T00:00:00Z");

/** Pull cursor: "<modifiedSince ISO>#<page>". */
function parseCursor(cursor: string | null): { since: Date; page: number } {
  if (cursor === null || cursor === "") return { since: new Date(0), page: 0 };
  const [iso, page] = cursor.split("#");
  const since = new Date(iso ?? "");
  const n = Number(page ?? "0");
  if (Number.isNaN(since.getTime()) || !Number.isInteger(n) || n < 0) {
    throw new ConnectorError("config", `Not an Ascora pull cursor: ${JSON.stringify(cursor)}`);
  }
  return { since, page: n };
}

export class AscoraConnector implements CrmConnector {
  readonly provider = "ascora";
  readonly entityModules = ASCORA_ENTITY_MODULES;
  readonly http: AscoraHttp;

  constructor(
    private readonly config: ConnectionConfig,
    hooks: ConnectorHooks & { fetch?: typeof fetch } = {},
  ) {
    this.http = new AscoraHttp({
      baseUrl: config.baseUrl,
      username: config.username,
      password: config.secret,
      timeoutMs: config.timeoutMs,
      onCall: hooks.onCall,
      fetch: hooks.fetch,
    });
  }

  get companyId(): string | null {
    return this.config.companyId ?? null;
  }

  private moduleConfig(module: string): ModuleSyncConfig {
    const cfg = this.config.modules[module];
    if (!cfg) throw new ConnectorError("config", `Ascora module ${module} is not enabled on this connection`);
    return cfg;
  }

  private customersOnly(module: string): ModuleSyncConfig {
    if (module !== ASCORA_MODULES.customers) {
      throw new ConnectorError("config", `Ascora records of ${module} are not synced field by field`);
    }
    return this.moduleConfig(module);
  }

  private toRemote(module: string, c: AscoraCustomer): RemoteRecord {
    const cfg = this.moduleConfig(module);
    const data: Record<string, unknown> = {};
    for (const f of cfg.fields) if (f in c) data[f] = c[f] ?? null;
    const localId = typeof c[ASCORA_EXTERNAL_KEY_FIELD] === "string" && c[ASCORA_EXTERNAL_KEY_FIELD] !== "" ? (c[ASCORA_EXTERNAL_KEY_FIELD] as string) : null;
    return { ...this.ref(module, c), localId, data };
  }

  private ref(module: string, c: AscoraCustomer): RemoteRecordRef {
    return { externalId: c.CustomerId, remoteModifiedAt: parseAscoraDate(c.LastModified), url: this.remoteUrl(module, c.CustomerId) };
  }

  async testConnection(): Promise<TestConnectionResult> {
    try {
      await fetchInvoiceDetails(this.http, TEST_PRIOR_TO, this.companyId);
      const warnings: string[] = [];
      if (this.config.modules[ASCORA_MODULES.customers]) {
        try {
          await listCustomersModifiedSince(this.http, new Date(), 0, 1);
        } catch (e) {
          const ce = toConnectorError(e);
          if (ce.kind === "auth") throw ce;
          warnings.push(`The Accounting API works, but the customer calls did not: ${ce.message}`);
        }
      }
      return {
        ok: true,
        modules: Object.values(ASCORA_MODULES).map((name) => ({ name, label: name })),
        user: { externalId: this.config.username, userName: this.config.username },
        warnings,
      };
    } catch (e) {
      return { ok: false, error: toConnectorError(e) };
    }
  }

  /** Ascora has no describe call: the fields are the assumed ones (A4–A6) of each area. */
  async describe(module: string): Promise<ModuleDescription> {
    const known = defaultAscoraModules()[module];
    if (!known) throw new ConnectorError("config", `Ascora has no module ${module}`);
    const writable = module === ASCORA_MODULES.customers || module === ASCORA_MODULES.jobs;
    return {
      name: module,
      label: module,
      createable: writable,
      updateable: writable,
      fields: [...known.fields, ...(known.externalKeyField ? [known.externalKeyField] : [])].map((name) => ({
        name,
        label: name,
        type: name === "Email" ? "email" : "string",
        mandatory: false,
        editable: true,
      })),
    };
  }

  async pushRecord(input: PushRecordInput): Promise<PushRecordResult> {
    const cfg = this.customersOnly(input.module);
    const allowed = new Set(cfg.fields);
    const fields: Record<string, unknown> = {};
    const droppedFields: string[] = [];
    for (const [k, v] of Object.entries(input.data)) {
      if (allowed.has(k)) fields[k] = v;
      else droppedFields.push(k);
    }
    fields[ASCORA_EXTERNAL_KEY_FIELD] = input.localId;
    const done = (c: AscoraCustomer, created: boolean, adopted: boolean): PushRecordResult => ({
      ...this.ref(input.module, c),
      created,
      adopted,
      droppedFields,
    });
    if (input.externalId) return done(await updateCustomer(this.http, input.externalId, fields), false, false);
    if (!input.skipLookup) {
      const found = await findCustomerByExternalReference(this.http, input.localId);
      if (found) return done(await updateCustomer(this.http, found.CustomerId, fields), false, true);
    }
    // A customer Ascora already has (connecting over existing data) is adopted, never duplicated.
    const sameEmail = await this.findUnlinkedByEmail(fields.Email);
    if (sameEmail) return done(await updateCustomer(this.http, sameEmail, fields), false, true);
    return done(await createCustomer(this.http, fields), true, false);
  }

  /** The oldest Ascora customer with this e-mail that carries no one's id yet (A16). */
  private async findUnlinkedByEmail(email: unknown): Promise<string | null> {
    if (typeof email !== "string" || !email.trim()) return null;
    const found = await findCustomersByEmail(this.http, email.trim());
    return found.find((c) => !c[ASCORA_EXTERNAL_KEY_FIELD])?.CustomerId ?? null;
  }

  async findByExternalKey(module: string, localId: string): Promise<RemoteRecordRef | null> {
    this.customersOnly(module);
    const found = await findCustomerByExternalReference(this.http, localId);
    return found ? this.ref(module, found) : null;
  }

  async fetchRecords(module: string, externalIds: readonly string[]): Promise<RemoteRecord[]> {
    this.customersOnly(module);
    const out: RemoteRecord[] = [];
    // No batch read is assumed (A4): one call per id.
    for (const id of externalIds) {
      const c = await getCustomer(this.http, id);
      if (c) out.push(this.toRemote(module, c));
    }
    return out;
  }

  async deleteRecord(module: string, externalId: string): Promise<{ deleted: boolean }> {
    this.customersOnly(module);
    return { deleted: await deleteCustomer(this.http, externalId) };
  }

  /**
   * One page of customers changed or deleted (A15) at or after the cursor's
   * time. Once a pull is drained the cursor becomes the newest LastModified
   * seen (inclusive), so that record comes once more next time and
   * reconciliation finds it unchanged (a deletion seen twice is marked once).
   */
  async pullChanges(input: PullChangesInput): Promise<PullPage> {
    this.customersOnly(input.module);
    const { since, page } = parseCursor(input.cursor);
    const result = await listCustomersModifiedSince(this.http, since, page, PAGE_SIZE);
    const updated = result.Results.filter((c) => !isDeletedCustomer(c)).map((c) => this.toRemote(input.module, c));
    const deleted = result.Results.filter(isDeletedCustomer).map((c) => c.CustomerId);
    if (result.HasMore) return { updated, deleted, nextCursor: `${since.toISOString()}#${page + 1}`, more: true };
    const newest = result.Results.reduce((max, c) => {
      const at = parseAscoraDate(c.LastModified);
      return at && at > max ? at : max;
    }, since);
    return { updated, deleted, nextCursor: `${newest.toISOString()}#0`, more: false };
  }

  async addNote(input: AddNoteInput): Promise<{ externalId: string; created: boolean }> {
    if (input.module !== ASCORA_MODULES.jobs) {
      throw new ConnectorError("config", `Ascora keeps notes on jobs only, not on ${input.module}`);
    }
    const note = await addJobNote(this.http, input.externalId, input.text, input.idempotencyKey);
    return { externalId: note.NoteId, created: true };
  }

  async createTask(_input: CreateTaskInput): Promise<{ externalIds: string[]; created: number }> {
    throw new ConnectorError("config", "Ascora has no follow-up tasks; use a field job instead");
  }

  remoteUrl(module: string, externalId: string): string {
    return ascoraWebUrl(this.config.baseUrl, module, externalId);
  }

  cursorAt(time: Date): string {
    return `${time.toISOString()}#0`;
  }

  defaultFieldMappings(entity: CrmEntity): FieldMapping[] {
    return defaultAscoraFieldMappings(entity);
  }

  callCount(): number {
    return this.http.callCount();
  }
}

export function createAscoraConnector(config: ConnectionConfig, hooks: ConnectorHooks & { fetch?: typeof fetch } = {}): AscoraConnector {
  return new AscoraConnector(config, hooks);
}
