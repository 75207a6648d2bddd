/**
 * The Vtiger implementation of CrmConnector. Customers go to Contacts,
 * organisations to Accounts, follow-ups to Calendar tasks, notes to
 * ModComments, staff to Users. Only modules and fields the connection
 * enables are ever written. Updates use `revise` (only the fields we own
 * change); creates look our id up first so a retry never duplicates.
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
  type PullChangesInput,
  type PullPage,
  type PushRecordInput,
  type PushRecordResult,
  type RemoteRecord,
  type RemoteRecordRef,
  type TestConnectionResult,
} from "../../connector";
import { VtigerActivities } from "./vtiger-activities";
import { SYNC_FIX_SQL, EMPTY_500 } from "./vtiger-errors";
import { VtigerClient, isMissingRecord, parseVtigerTime, type VtigerClientOptions, type VtigerRecord, type VtigerSyncType } from "./vtiger-client";
import { VTIGER_ENTITY_MODULES, defaultVtigerFieldMappings } from "./vtiger-defaults";
import { ModuleGuard } from "./vtiger-module-guard";
import { VtigerUsers } from "./vtiger-users";
import { VTQL_PAGE_SIZE, vtqlName, vtqlString } from "./vtql";

export interface VtigerConnectorOptions {
  /** Use this client (tests, sharing one session); otherwise one is made from the config. */
  client?: VtigerClient;
  /** Extra client options (sleep, onCall, retries…) when the connector makes the client. */
  clientOptions?: Partial<VtigerClientOptions>;
  /** Vtiger sync type for pulls; "application" (default) needs an admin API user and sees every record. */
  syncType?: VtigerSyncType;
}

export class VtigerConnector implements CrmConnector {
  readonly provider = "vtiger";
  readonly entityModules = VTIGER_ENTITY_MODULES;
  readonly client: VtigerClient;
  readonly users: VtigerUsers;
  private readonly guard: ModuleGuard;
  private readonly activities: VtigerActivities;
  private readonly describeCache = new Map<string, Promise<ModuleDescription>>();
  private readonly syncType: VtigerSyncType;
  /** Set once `sync` answered an empty HTTP 500 and a query worked: pulls go by query from then on. */
  private syncBroken = false;

  constructor(
    private readonly config: ConnectionConfig,
    options: VtigerConnectorOptions = {},
  ) {
    this.client =
      options.client ??
      new VtigerClient({
        baseUrl: config.baseUrl,
        username: config.username,
        accessKey: config.secret,
        timeoutMs: config.timeoutMs,
        ...options.clientOptions,
      });
    this.guard = new ModuleGuard(config.modules);
    this.users = new VtigerUsers(this.client, this.guard);
    this.activities = new VtigerActivities(this.client, this.guard, this.users);
    this.syncType = options.syncType ?? "application";
  }

  callCount(): number {
    return this.client.callCount();
  }

  remoteUrl(module: string, externalId: string): string {
    const record = externalId.includes("x") ? externalId.split("x")[1]! : externalId;
    const q = new URLSearchParams({ module, ...(module === "Users" ? { parent: "Settings" } : {}), view: "Detail", record });
    return `${this.client.baseUrl}/index.php?${q.toString()}`;
  }

  cursorAt(time: Date): string {
    return String(Math.floor(time.getTime() / 1000));
  }

  defaultFieldMappings(entity: CrmEntity): FieldMapping[] {
    return defaultVtigerFieldMappings(entity);
  }

  async testConnection(): Promise<TestConnectionResult> {
    try {
      const session = await this.client.login();
      const types = await this.client.listTypes();
      const available = new Set(types.types);
      const modules = types.types
        .filter((name) => types.information[name]?.isEntity !== false)
        .map((name) => ({ name, label: types.information[name]?.label ?? name }));
      const warnings: string[] = [];
      for (const name of this.guard.enabledModules()) {
        if (!available.has(name)) {
          warnings.push(`Module ${name} is enabled but this Vtiger user cannot see it`);
          continue;
        }
        const cfg = this.guard.config(name);
        const described = await this.describe(name);
        const known = new Set(described.fields.map((f) => f.name));
        const unknown = [...cfg.fields, ...(cfg.externalKeyField ? [cfg.externalKeyField] : [])].filter((f) => !known.has(f));
        if (unknown.length) warnings.push(`${name}: fields not in Vtiger: ${unknown.join(", ")}`);
        if ((name === "Contacts" || name === "Accounts") && !cfg.externalKeyField) {
          warnings.push(`${name}: no key field for our id, so a create retried after a timeout may duplicate a record`);
        }
      }
      return { ok: true, modules, user: { externalId: session.userId, userName: this.config.username }, warnings };
    } catch (e) {
      return { ok: false, error: toConnectorError(e) };
    }
  }

  describe(module: string): Promise<ModuleDescription> {
    let cached = this.describeCache.get(module);
    if (!cached) {
      cached = this.client.describe(module).then((d) => ({
        name: d.name,
        label: d.label,
        createable: d.createable,
        updateable: d.updateable,
        fields: d.fields.map((f) => ({
          name: f.name,
          label: f.label,
          type: f.type?.name ?? "string",
          mandatory: Boolean(f.mandatory),
          editable: f.editable !== false,
          ...(f.type?.refersTo ? { refersTo: f.type.refersTo } : {}),
          ...(f.type?.picklistValues ? { picklistValues: f.type.picklistValues.map((p) => p.value) } : {}),
        })),
      }));
      // A failed describe must not stay cached.
      cached.catch(() => this.describeCache.delete(module));
      this.describeCache.set(module, cached);
    }
    return cached;
  }

  private ref(module: string, r: VtigerRecord): RemoteRecordRef {
    return { externalId: r.id, remoteModifiedAt: parseVtigerTime(r.modifiedtime), url: this.remoteUrl(module, r.id) };
  }

  private toRemoteRecord(module: string, r: VtigerRecord): RemoteRecord {
    const key = this.guard.config(module).externalKeyField;
    const localId = key && typeof r[key] === "string" && r[key] !== "" ? (r[key] as string) : null;
    return { ...this.ref(module, r), localId, data: this.guard.filterIncoming(module, r) };
  }

  async findByExternalKey(module: string, localId: string): Promise<RemoteRecordRef | null> {
    const key = this.guard.config(module).externalKeyField;
    if (!key) return null;
    const rows = await this.client.query(
      `SELECT ${vtqlName(key)}, modifiedtime FROM ${vtqlName(module)} WHERE ${vtqlName(key)} = ${vtqlString(localId)} ORDER BY createdtime LIMIT 0, 2`,
    );
    return rows[0] ? this.ref(module, rows[0]) : null;
  }

  /** The oldest record with the same e-mail that carries no one's key yet (Contacts: email, Accounts: email1). */
  private async findUnlinkedByEmail(module: string, element: Record<string, unknown>): Promise<string | null> {
    const emailField = EMAIL_FIELD_BY_MODULE[module];
    const email = emailField ? element[emailField] : undefined;
    if (!emailField || typeof email !== "string" || !email.trim()) return null;
    const key = this.guard.config(module).externalKeyField;
    const columns = key ? `${vtqlName(key)}, ${emailField}` : emailField;
    const rows = await this.client.query(
      `SELECT ${columns} FROM ${vtqlName(module)} WHERE ${emailField} = ${vtqlString(email.trim())} ORDER BY createdtime LIMIT 0, 20`,
    );
    const free = rows.find((r) => !key || !r[key]);
    return free?.id ?? null;
  }

  async pushRecord(input: PushRecordInput): Promise<PushRecordResult> {
    const cfg = this.guard.config(input.module);
    const { element, dropped } = this.guard.filterOutgoing(input.module, input.data);
    if (cfg.externalKeyField) element[cfg.externalKeyField] = input.localId;

    const update = async (externalId: string, adopted: boolean): Promise<PushRecordResult> => {
      const rec = await this.client.revise({ ...element, id: externalId });
      return { ...this.ref(input.module, rec), created: false, adopted, droppedFields: dropped };
    };

    if (input.externalId) return update(input.externalId, false);
    if (!input.skipLookup) {
      const found = await this.findByExternalKey(input.module, input.localId);
      if (found) return update(found.externalId, true);
    }
    // A record already in the CRM (onboarding over existing data) is adopted, never duplicated.
    const sameEmail = await this.findUnlinkedByEmail(input.module, element);
    if (sameEmail) return update(sameEmail, true);
    if (!element.assigned_user_id) {
      // Vtiger needs an owner on create; the API user owns what it makes unless mapped otherwise.
      element.assigned_user_id = (await this.client.getSession()).userId;
    }
    const rec = await this.client.create(input.module, element);
    return { ...this.ref(input.module, rec), created: true, adopted: false, droppedFields: dropped };
  }

  async fetchRecords(module: string, externalIds: readonly string[]): Promise<RemoteRecord[]> {
    this.guard.config(module);
    const found = await this.client.retrieveMany(externalIds);
    return externalIds.flatMap((id) => {
      const r = found.get(id);
      return r ? [this.toRemoteRecord(module, r)] : [];
    });
  }

  async deleteRecord(module: string, externalId: string): Promise<{ deleted: boolean }> {
    this.guard.config(module);
    try {
      await this.client.delete(externalId);
      return { deleted: true };
    } catch (e) {
      // 8.4 answers a second delete with ACCESS_DENIED (recorded 30): a retried delete is done, not refused.
      if (e instanceof ConnectorError && (e.kind === "not_found" || isMissingRecord(e))) return { deleted: false };
      throw e;
    }
  }

  /**
   * One `sync` page. Vtiger's modifiedtime has one-second resolution, so once
   * a pull is drained the cursor steps back one second: an edit made later in
   * that same second is still seen (records of that second come again, which
   * reconciliation treats as unchanged).
   */
  async pullChanges(input: PullChangesInput): Promise<PullPage> {
    this.guard.config(input.module);
    const from = input.cursor === null || input.cursor === "" ? 0 : Number(input.cursor);
    if (!Number.isInteger(from) || from < 0) {
      throw new ConnectorError("config", `Not a Vtiger sync cursor: ${JSON.stringify(input.cursor)}`);
    }
    if (this.syncBroken) return this.pullByQuery(input.module, from);
    let page;
    try {
      page = await this.client.syncPage(input.module, from, this.syncType);
    } catch (e) {
      if (!(e instanceof ConnectorError) || e.remoteCode !== EMPTY_500) throw e;
      // Stock 8.4.0 answers every sync with an empty HTTP 500. A query that works as well tells it from an outage.
      const fallback = await this.pullByQuery(input.module, from);
      this.syncBroken = true;
      return fallback;
    }
    const last = Number.isFinite(Number(page.lastModifiedTime)) ? Number(page.lastModifiedTime) : from;
    if (page.more && !(last > from)) {
      // Handing back the same cursor with more=true would make the caller loop forever.
      throw new ConnectorError("transient", `Vtiger sync of ${input.module} reported more changes but did not advance past ${from}`, {
        operation: "sync",
      });
    }
    const next = page.more ? Math.max(from, last) : Math.max(from, last - 1);
    return {
      updated: page.updated.map((r) => this.toRemoteRecord(input.module, r)),
      deleted: [...page.deleted],
      nextCursor: String(next),
      more: page.more,
    };
  }

  /**
   * The pull where `sync` is broken: VTQL by modifiedtime, 100 rows a page.
   * The next page starts one second before the last row's time, so rows of
   * that second come again rather than being skipped (unless a whole page
   * shares one second). Deletions cannot be seen this way.
   */
  private async pullByQuery(module: string, from: number): Promise<PullPage> {
    const rows = await this.client.modifiedSince(module, from);
    const last = rows.reduce((max, r) => Math.max(max, Math.floor((parseVtigerTime(r.modifiedtime)?.getTime() ?? 0) / 1000)), from);
    const more = rows.length >= VTQL_PAGE_SIZE;
    const next = more ? (last - 1 > from ? last - 1 : last) : Math.max(from, last - 1);
    return {
      updated: rows.map((r) => this.toRemoteRecord(module, r)),
      deleted: [],
      nextCursor: String(next),
      more,
      notice:
        "Vtiger's sync operation is broken on this server (a stock 8.4.0 install bug), so changes are read by query and deletions are found only by checking linked records' ids after each pull. " +
        `A Vtiger admin fixes it by running this once on Vtiger's database: ${SYNC_FIX_SQL}`,
    };
  }

  /**
   * Asks by id, 100 at a time: VTQL answers only live records, so an id that
   * does not come back was deleted. `id IN (…)` is in no recorded 8.4
   * transcript; checked by hand against a live stock 8.4.0 (2026-12-05,
   * server/cli/vtiger-live-check.ts): it answers the live ids only (deleted and
   * never-existing ones absent), also with 100 ids in one query. The fake
   * implements it as VTQL's IN elsewhere.
   */
  async findMissing(module: string, externalIds: readonly string[]): Promise<string[]> {
    const missing: string[] = [];
    for (let i = 0; i < externalIds.length; i += VTQL_PAGE_SIZE) {
      const batch = externalIds.slice(i, i + VTQL_PAGE_SIZE);
      const rows = await this.client.query(`SELECT id FROM ${vtqlName(module)} WHERE id IN (${batch.map((id) => vtqlString(id)).join(", ")}) LIMIT 0, ${VTQL_PAGE_SIZE}`);
      const found = new Set(rows.map((r) => r.id));
      missing.push(...batch.filter((id) => !found.has(id)));
    }
    return missing;
  }

  addNote(input: AddNoteInput): Promise<{ externalId: string; created: boolean }> {
    return this.activities.addNote(input);
  }

  createTask(input: CreateTaskInput): Promise<{ externalIds: string[]; created: number }> {
    return this.activities.createTask(input);
  }
}

/** Where each module keeps the e-mail that identifies an existing record during onboarding. */
const EMAIL_FIELD_BY_MODULE: Readonly<Record<string, string>> = { Contacts: "email", Accounts: "email1" };

/** ConnectorFactory for the engine's registry. */
export function createVtigerConnector(config: ConnectionConfig, options?: VtigerConnectorOptions): VtigerConnector {
  return new VtigerConnector(config, options);
}
