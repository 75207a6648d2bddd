/**
 * The contract between the CRM sync engine and a CRM connector (Vtiger now,
 * Ascora later). The engine only ever sees these types: module names, field
 * names and ids are opaque strings that come from the connection's settings
 * and from the connector itself, and every failure is a ConnectorError whose
 * `kind` tells the engine whether and when to try again.
 */

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/**
 * - auth: credentials refused or session could not be re-established (fix the connection)
 * - rate_limited: the remote asked us to slow down; `retryAfterMs` says for how long
 * - timeout: no answer in time; a write may or may not have happened remotely
 * - transient: 5xx, network failure, garbled answer; worth retrying later
 * - validation: the remote refused the data (e.g. mandatory fields missing, named in `fields`)
 * - not_found: the remote record does not exist (any more)
 * - permission: the remote user may not do this
 * - config: the connection's settings forbid or cannot express this (disabled module/field, unknown module)
 */
export type ConnectorErrorKind =
  | "auth"
  | "rate_limited"
  | "timeout"
  | "transient"
  | "validation"
  | "not_found"
  | "permission"
  | "config";

const RETRYABLE_KINDS: ReadonlySet<ConnectorErrorKind> = new Set(["rate_limited", "timeout", "transient"]);

export interface ConnectorErrorOptions {
  retryAfterMs?: number;
  /** Remote field names involved (missing mandatory fields, disabled fields). */
  fields?: string[];
  /** The remote's own error code, e.g. "MANDATORY_FIELDS_MISSING". */
  remoteCode?: string;
  /** The remote operation that failed, e.g. "create". */
  operation?: string;
  httpStatus?: number;
  /** Override the default (true for rate_limited, timeout, transient). */
  retryable?: boolean;
  cause?: unknown;
}

/** The one error type every connector throws. Never carries secrets in its message. */
export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly fields?: string[];
  readonly remoteCode?: string;
  readonly operation?: string;
  readonly httpStatus?: number;

  constructor(kind: ConnectorErrorKind, message: string, opts: ConnectorErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "ConnectorError";
    this.kind = kind;
    this.retryable = opts.retryable ?? RETRYABLE_KINDS.has(kind);
    this.retryAfterMs = opts.retryAfterMs;
    this.fields = opts.fields;
    this.remoteCode = opts.remoteCode;
    this.operation = opts.operation;
    this.httpStatus = opts.httpStatus;
  }

  /** A plain object for logs and the sync queue's `lastError` column. */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      message: this.message,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      fields: this.fields,
      remoteCode: this.remoteCode,
      operation: this.operation,
      httpStatus: this.httpStatus,
    };
  }
}

export function isConnectorError(e: unknown): e is ConnectorError {
  return e instanceof ConnectorError;
}

/** Wraps anything thrown into a ConnectorError (unknown errors count as transient). */
export function toConnectorError(e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ConnectorError("transient", message, { cause: e });
}

// ---------------------------------------------------------------------------
// Connection settings
// ---------------------------------------------------------------------------

/** What may be synced for one remote module. A module that is absent is disabled. */
export interface ModuleSyncConfig {
  /** Remote field names the connection may write and read. Nothing else is ever written. */
  fields: readonly string[];
  /**
   * Remote field holding our local id (e.g. a custom field "cf_switchboard_id").
   * With it, a create that is retried after a lost answer finds the first
   * record instead of making a second one. Without it, creates are not retry-safe.
   */
  externalKeyField?: string;
}

export interface ConnectionConfig {
  /** The CRM's base URL as an admin types it, e.g. https://crm.example.com/vtigercrm */
  baseUrl: string;
  username: string;
  /** Access key / API key, decrypted only in memory. */
  secret: string;
  /** Enabled modules, keyed by the remote module name. */
  modules: Readonly<Record<string, ModuleSyncConfig>>;
  /** Per-call timeout; connectors pick a sensible default. */
  timeoutMs?: number;
  /** Ascora: the company whose invoices the Accounting API returns (blank = the account's default). */
  companyId?: string | null;
}

// ---------------------------------------------------------------------------
// Results and inputs
// ---------------------------------------------------------------------------

/**
 * Local entity kinds the engine syncs; a connector says which remote module holds each.
 * "payment_summary" is the weekly payment figures written onto a customer's remote record.
 * Field-service CRMs (Ascora) add jobs made from tickets, their notes and attachments, and
 * invoices and payments read from the CRM's accounting side into billing.
 */
export const CRM_ENTITIES = [
  "customer",
  "organisation",
  "task",
  "note",
  "user",
  "payment_summary",
  "field_job",
  "job_note",
  "job_attachment",
  "external_invoice",
  "external_payment",
] as const;
export type CrmEntity = (typeof CRM_ENTITIES)[number];

/** One local field path (e.g. "address.city") → one remote field. */
export interface FieldMapping {
  localPath: string;
  remoteField: string;
}

export interface RemoteModuleInfo {
  name: string;
  label: string;
}

export interface RemoteUser {
  externalId: string;
  userName: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  active: boolean;
  roleId?: string;
}

export type TestConnectionResult =
  | {
      ok: true;
      /** Modules the remote user can see. */
      modules: RemoteModuleInfo[];
      user: { externalId: string; userName: string };
      /** Non-fatal findings, e.g. an enabled module the CRM does not have. */
      warnings: string[];
    }
  | { ok: false; error: ConnectorError };

export interface RemoteField {
  name: string;
  label: string;
  /** Remote type name (string, email, date, reference, picklist, …). */
  type: string;
  mandatory: boolean;
  editable: boolean;
  /** For reference fields: the modules a value may point at. */
  refersTo?: string[];
  picklistValues?: string[];
}

export interface ModuleDescription {
  name: string;
  label: string;
  createable: boolean;
  updateable: boolean;
  fields: RemoteField[];
}

/** Field values keyed by remote field name; null clears a field. */
export type RemoteFieldValues = Record<string, unknown>;

export interface PushRecordInput {
  module: string;
  /** Our id of the record; written to the module's externalKeyField. */
  localId: string;
  /** The remote id when the record is already linked: the push becomes a partial update. */
  externalId?: string | null;
  data: RemoteFieldValues;
  /** Stable per queue item; connectors use it for logs and where the remote supports it. */
  idempotencyKey: string;
  /**
   * Skip the lookup before a create. Only safe when no earlier attempt of
   * this item can have reached the remote (saves one call per create).
   */
  skipLookup?: boolean;
}

export interface PushRecordResult {
  externalId: string;
  /** The remote's modification time after the write, when it reports one. */
  remoteModifiedAt: Date | null;
  /** Link that opens the record in the CRM. */
  url: string;
  /** true when a new remote record was made. */
  created: boolean;
  /** true when the record was found by the lookup before create (an earlier attempt had made it). */
  adopted: boolean;
  /** Fields in `data` that were not written because the connection does not enable them. */
  droppedFields: string[];
}

export interface RemoteRecordRef {
  externalId: string;
  remoteModifiedAt: Date | null;
  url: string;
}

export interface RemoteRecord extends RemoteRecordRef {
  /** Our id as stored in the externalKeyField, when present. */
  localId: string | null;
  /** Only the enabled fields (plus the key field). */
  data: Record<string, unknown>;
}

export interface PullChangesInput {
  module: string;
  /** Opaque cursor from the previous page; null starts from the beginning. */
  cursor: string | null;
}

export interface PullPage {
  updated: RemoteRecord[];
  /** Remote ids deleted since the cursor. */
  deleted: string[];
  /** Store this after the page has been applied; pass it to the next call. */
  nextCursor: string;
  /** More changes are waiting: call again right away with nextCursor. */
  more: boolean;
  /** Something the CRM's admin should fix, though the pull worked around it (e.g. a broken `sync` replaced by a query). */
  notice?: string;
}

export interface AddNoteInput {
  /** The record the note belongs to. */
  module: string;
  externalId: string;
  text: string;
  /** Makes a retried note not appear twice. */
  idempotencyKey: string;
}

export type TaskAssignment =
  | { userId: string }
  /** `each`: one task per active user of the role; `one`: one task for one of them, chosen stably by idempotencyKey. */
  | { roleId: string; mode: "each" | "one" };

export interface CreateTaskInput {
  subject: string;
  description?: string;
  dueDate: Date;
  startDate?: Date;
  priority?: "High" | "Medium" | "Low";
  relatedTo?: { module: string; externalId: string };
  assignTo: TaskAssignment;
  idempotencyKey: string;
}

export interface CreateUserInput {
  userName: string;
  email: string;
  firstName?: string;
  lastName: string;
  roleId: string;
  active: boolean;
  /** Never stored or logged by the connector. */
  password: string;
}

/** Optional capability: staff accounts in the CRM. */
export interface UserProvisioning {
  listUsers(filter?: { roleId?: string; activeOnly?: boolean }): Promise<RemoteUser[]>;
  findUser(userName: string): Promise<RemoteUser | null>;
  /** Looks the user name up first; an existing user is adopted and gets the given password and status. */
  createUser(input: CreateUserInput): Promise<RemoteUser & { created: boolean }>;
  setUserActive(externalId: string, active: boolean): Promise<void>;
  setUserPassword(externalId: string, password: string): Promise<void>;
}

/** What every CRM connector implements. */
export interface CrmConnector {
  /** e.g. "vtiger" */
  readonly provider: string;
  /** Which remote module holds each local entity kind this connector supports. */
  readonly entityModules: Readonly<Partial<Record<CrmEntity, string>>>;
  /** Present when the CRM supports staff provisioning. */
  readonly users?: UserProvisioning;

  /** Logs in and lists the modules; never throws (failures come back as ok:false). */
  testConnection(): Promise<TestConnectionResult>;
  describe(module: string): Promise<ModuleDescription>;
  /** Creates or updates one record; creates look up `localId` first unless told otherwise. */
  pushRecord(input: PushRecordInput): Promise<PushRecordResult>;
  /** The remote record carrying our local id, if any. */
  findByExternalKey(module: string, localId: string): Promise<RemoteRecordRef | null>;
  /** Reads many records in as few calls as the remote allows; unknown ids are left out. */
  fetchRecords(module: string, externalIds: readonly string[]): Promise<RemoteRecord[]>;
  /** Idempotent: a record that is already gone answers { deleted: false }. */
  deleteRecord(module: string, externalId: string): Promise<{ deleted: boolean }>;
  /** One page of remote changes after the cursor. */
  pullChanges(input: PullChangesInput): Promise<PullPage>;
  /**
   * Of these remote ids, the ones the CRM no longer has (deleted, or never
   * there). For pulls that cannot see deletions (Vtiger's VTQL fallback).
   */
  findMissing?(module: string, externalIds: readonly string[]): Promise<string[]>;
  addNote(input: AddNoteInput): Promise<{ externalId: string; created: boolean }>;
  createTask(input: CreateTaskInput): Promise<{ externalIds: string[]; created: number }>;
  /** Link that opens a record in the CRM's web UI. */
  remoteUrl(module: string, externalId: string): string;
  /** A pull cursor that starts at the given time (e.g. "only changes from now on"). */
  cursorAt(time: Date): string;
  /** Suggested mappings from local fields to this CRM's fields; custom mappings come on top. */
  defaultFieldMappings(entity: CrmEntity): FieldMapping[];
  /** Remote calls made so far by this connector (benchmarks, logs). */
  callCount(): number;
}

/** Creates a connector for one connection; the engine keeps a registry of these by provider. */
export type ConnectorFactory = (config: ConnectionConfig) => CrmConnector;
