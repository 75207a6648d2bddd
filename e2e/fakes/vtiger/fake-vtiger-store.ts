/**
 * In-memory records of the fake Vtiger and the rules a real Vtiger 8.4.0
 * applies to them, as recorded in recorded-8.4/ (file numbers in comments):
 * web-service ids (`12x345`), one-field-at-a-time mandatory checks, auto
 * numbers, modifiedtime per record (one-second resolution), soft deletes
 * visible to `sync`, ACCESS_DENIED for missing records, invisible inactive
 * users and untyped tasks, and the sync paging rule. Test code only.
 */
import crypto from "node:crypto";
import { FAKE_MODULES, FAKE_RELATIONS, TIMELOGS_MODULE, storedDefault, type FakeFieldDef, type FakeModuleDef } from "./fake-vtiger-schema";
import { compareValues, conditionFields, matches, type Condition, type VtqlQuery } from "./fake-vtql";

/** A Vtiger web-service error: answered as {success:false, error:{message, code}}. */
export class FakeWsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface StoredRecord {
  id: string;
  module: string;
  crmid: number;
  fields: Record<string, string>;
  /** Columns that hold NULL rather than "" (custom fields added after the record was made, 50). */
  nulls?: Set<string>;
  createdMs: number;
  modifiedMs: number;
  deleted: boolean;
}

export interface StoredUserSecrets {
  accessKey: string;
  password: string;
}

export interface FakeUserInput {
  username: string;
  accessKey: string;
  roleId?: string;
  isAdmin?: boolean;
  active?: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** The user's number (19x<id>); the next free one when omitted. */
  id?: number;
  /** Any other Users columns (time_zone, hour_format, …). */
  fields?: Record<string, string>;
}

export interface SeedRecord {
  module: string;
  fields: Record<string, unknown>;
  /** The record's number (12x<crmid>); the next free one when omitted. */
  crmid?: number;
  /** Defaults to the fake's clock; set it to spread records over time (sync tests). */
  modifiedTime?: Date;
  createdTime?: Date;
  deleted?: boolean;
}

/** How a record is written out: create/retrieve/revise/update, `sync`, or a query row. */
export type RenderMode = "record" | "sync" | "query";

export const SYNC_PAGE_SIZE = 100;
export const QUERY_ROW_CAP = 100;

const DENIED = "Permission to perform the operation is denied";
const WS_ID = /^(\d+)x(\d+)$/;
/** Modules whose create/retrieve answer writes an empty reference as null (14, 21, 68; not Calendar 64, not Users 81). */
const NULL_REFERENCE_MODULES = new Set(["Contacts", "Accounts", "ModComments", "Documents", "ServiceContracts", "HelpDesk", "TimeLogs"]);
/** Modules whose query rows write an empty reference or date as null (sc-03, sc-07, sc-11). */
const NULL_QUERY_MODULES = new Set(["ServiceContracts", "HelpDesk", "TimeLogs"]);
const SYSTEM_MANAGED = new Set(["createdtime", "modifiedtime", "modifiedby", "source", "creator"]);

/** Vtiger's datetime text: "YYYY-MM-DD HH:MM:SS" (UTC here). */
export function formatVtigerTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace("T", " ").slice(0, 19);
}

function parseVtigerTime(text: string | undefined): number | undefined {
  if (!text || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text)) return undefined;
  return Date.parse(`${text.replace(" ", "T")}Z`);
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The `element` parameter: malformed JSON is Vtiger's generic internal error (19). */
export function parseElement(raw: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw ?? "");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new FakeWsError("INTERNAL_SERVER_ERROR", "Unknown Error while processing request");
}

/** Hours from a task's start to the end of its due day, as Vtiger stores duration_hours (61, 64). */
function taskDurationHours(fields: Record<string, string>): string {
  const start = Date.parse(`${fields.date_start}T${fields.time_start || "00:00:00"}Z`);
  const end = Date.parse(`${fields.due_date}T00:00:00Z`) + 86_400_000;
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? String(Math.floor((end - start) / 3_600_000)) : "0";
}

export class FakeVtigerStore {
  private readonly records = new Map<string, StoredRecord>();
  private readonly secrets = new Map<string, StoredUserSecrets>();
  private nextCrmid = 100;
  private nextUserId = 1;
  private readonly autoNumbers = new Map<string, number>();
  /** vtiger_crmentityrel: "<source id>|<relation label>" → related record ids. */
  private readonly relations = new Map<string, Set<string>>();
  /** Whether this install added the (assumed) TimeLogs module. */
  timeLogModule = false;

  constructor(private readonly now: () => number) {}

  // ---- users -------------------------------------------------------------

  /** Adds a user (bypassing the API: Vtiger's webservice cannot create one, 72–79) and returns its id. */
  addUser(u: FakeUserInput): string {
    const def = FAKE_MODULES.Users!;
    const n = u.id ?? this.nextUserId;
    this.nextUserId = Math.max(this.nextUserId, n + 1);
    const id = `${def.idPrefix}x${n}`;
    const fields: Record<string, string> = {};
    for (const f of def.fields) if (!f.hidden) fields[f.name] = storedDefault(def, f);
    Object.assign(fields, {
      user_name: u.username,
      first_name: u.firstName ?? "",
      last_name: u.lastName ?? u.username,
      email1: u.email ?? `${u.username}@example.test`,
      status: u.active === false ? "Inactive" : "Active",
      roleid: u.roleId ?? "H2",
      is_admin: u.isAdmin === false ? "off" : "on",
      ...u.fields,
    });
    const t = this.now();
    this.records.set(id, { id, module: "Users", crmid: n, fields, createdMs: t, modifiedMs: t, deleted: false });
    this.secrets.set(id, { accessKey: u.accessKey, password: crypto.randomBytes(8).toString("hex") });
    return id;
  }

  /** Active or not: getchallenge/login see every user. */
  userByName(username: string): StoredRecord | undefined {
    for (const r of this.records.values()) {
      if (r.module === "Users" && !r.deleted && r.fields.user_name?.toLowerCase() === username.toLowerCase()) return r;
    }
    return undefined;
  }

  userSecrets(userId: string): StoredUserSecrets | undefined {
    return this.secrets.get(userId);
  }

  isAdmin(userId: string): boolean {
    return this.records.get(userId)?.fields.is_admin === "on";
  }

  // ---- inspection (tests) -------------------------------------------------

  get(id: string): StoredRecord | undefined {
    return this.records.get(id);
  }

  list(module?: string, opts: { includeDeleted?: boolean } = {}): StoredRecord[] {
    return [...this.records.values()]
      .filter((r) => (!module || r.module === module) && (opts.includeDeleted || !r.deleted))
      .sort((a, b) => a.crmid - b.crmid);
  }

  /** The record as the API shows it; "record" mode is what create/retrieve answer. */
  visible(r: StoredRecord, mode: RenderMode = "record", opts: { userLabel?: boolean } = {}): Record<string, string | null> {
    const def = this.defOf(r.module);
    const out: Record<string, string | null> = {};
    for (const f of def.fields) {
      if (f.hidden) continue;
      out[f.name] = r.nulls?.has(f.name) ? null : this.renderValue(def, f, r.fields[f.name] ?? "", mode);
    }
    out.id = r.id;
    // Users: retrieve has no label (81), revise does (82).
    if (mode === "record" && (!def.actor || opts.userLabel)) {
      out.label = def.labelFields
        .map((n) => r.fields[n] ?? "")
        .filter(Boolean)
        .join(" ");
    }
    return out;
  }

  private renderValue(def: FakeModuleDef, f: FakeFieldDef, value: string, mode: RenderMode): string | null {
    if (value !== "") {
      // sync reports a task's event status as "Not Started" where create shows "" (64 vs 57).
      return value;
    }
    if (mode === "sync") {
      if (def.name === "Calendar" && f.name === "eventstatus") return "Not Started";
      if (["reference", "owner", "date", "integer"].includes(f.type)) return null;
    }
    if (mode === "record" && f.type === "reference" && NULL_REFERENCE_MODULES.has(def.name)) return null;
    if (mode === "query" && (f.type === "reference" || f.type === "date") && NULL_QUERY_MODULES.has(def.name)) return null;
    return value;
  }

  clear(): void {
    this.records.clear();
    this.relations.clear();
    this.secrets.clear();
    this.autoNumbers.clear();
    this.nextCrmid = 100;
    this.nextUserId = 1;
  }

  /** Moves the shared record number and a module's auto number (to replay a recording's ids). */
  setSequence(next: { crmid?: number; autoNumbers?: Record<string, number> }): void {
    if (next.crmid !== undefined) this.nextCrmid = next.crmid;
    for (const [m, n] of Object.entries(next.autoNumbers ?? {})) this.autoNumbers.set(m, n - 1);
  }

  /** Inserts a record directly (seeding), still filling defaults; seeded values win over system ones. */
  seed(rec: SeedRecord, ownerId: string): StoredRecord {
    const def = this.moduleOrThrow(rec.module);
    const fields: Record<string, string> = {};
    const nulls = new Set<string>();
    for (const [k, v] of Object.entries(rec.fields)) {
      if (k === "id" || k === "label") continue;
      fields[k] = toText(v);
      // sync writes empty references, dates and numbers as null anyway; other nulls are NULL columns.
      const f = def.fields.find((x) => x.name === k);
      if (v === null && f && !["reference", "owner", "date", "integer"].includes(f.type)) nulls.add(k);
    }
    if (!fields.assigned_user_id) fields.assigned_user_id = ownerId;
    const modified = rec.modifiedTime?.getTime() ?? parseVtigerTime(fields.modifiedtime);
    const created = rec.createdTime?.getTime() ?? parseVtigerTime(fields.createdtime) ?? modified;
    const stored = this.insert(def, fields, ownerId, { crmid: rec.crmid, createdMs: created, modifiedMs: modified, keepSystem: true });
    stored.deleted = rec.deleted === true;
    if (nulls.size) stored.nulls = nulls;
    return stored;
  }

  // ---- operations ----------------------------------------------------------

  private findModule(name: string): FakeModuleDef | undefined {
    if (name === TIMELOGS_MODULE.name) return this.timeLogModule ? TIMELOGS_MODULE : undefined;
    return FAKE_MODULES[name];
  }

  private defOf(name: string): FakeModuleDef {
    return this.findModule(name) ?? TIMELOGS_MODULE;
  }

  /** Links two records the way a CRM user does under a related list (add_related is not modelled). */
  relate(sourceId: string, label: string, relatedId: string): void {
    const source = this.recordOrThrow(sourceId);
    const target = this.recordOrThrow(relatedId);
    if (FAKE_RELATIONS[source.module]?.[label] !== target.module) {
      throw new Error(`${source.module} has no relation "${label}" to ${target.module}`);
    }
    const key = `${source.id}|${label}`;
    const set = this.relations.get(key) ?? new Set<string>();
    set.add(target.id);
    this.relations.set(key, set);
  }

  /** relatedtypes (sc-06): the relation labels of a module and the module each leads to. */
  relatedTypes(moduleName: unknown): { types: string[]; information: Record<string, { name: string; label: string; isEntity: string }> } {
    const def = this.moduleOrThrow(moduleName);
    const rel = Object.entries(FAKE_RELATIONS[def.name] ?? {});
    return {
      types: rel.map(([, target]) => target),
      information: Object.fromEntries(rel.map(([label, name]) => [label, { name, label, isEntity: "1" }])),
    };
  }

  /**
   * retrieve_related (sc-07, sc-08): full rows, written like query rows, in
   * record order; the label must be the relation's label, not the module's
   * name (sc-09, Vtiger's own spelling of the code).
   */
  retrieveRelated(id: unknown, relatedType: unknown, relatedLabel: unknown): Record<string, string | null>[] {
    const source = this.recordOrThrow(id);
    const label = toText(relatedLabel);
    if (FAKE_RELATIONS[source.module]?.[label] !== relatedType) {
      throw new FakeWsError("UNKOWN_ENTITY", "Relation specified is incorrect");
    }
    return [...(this.relations.get(`${source.id}|${label}`) ?? [])]
      .map((rid) => this.records.get(rid))
      .filter((r): r is StoredRecord => r !== undefined && !r.deleted)
      .sort((a, b) => a.crmid - b.crmid)
      .map((r) => this.visible(r, "query"));
  }

  moduleOrThrow(name: unknown): FakeModuleDef {
    const def = typeof name === "string" ? this.findModule(name) : undefined;
    if (!def) throw new FakeWsError("ACCESS_DENIED", `${DENIED} for name : ${toText(name)}`);
    return def;
  }

  /** Missing, malformed, deleted: ACCESS_DENIED (22–25, 30, 31); inactive users: RECORD_NOT_FOUND (85, 86). */
  private recordOrThrow(id: unknown): StoredRecord {
    const m = typeof id === "string" ? WS_ID.exec(id.trim()) : null;
    if (!m) throw new FakeWsError("ACCESS_DENIED", `${DENIED} for id`);
    const r = this.records.get(`${m[1]}x${Number(m[2])}`);
    if (!r || r.deleted) throw new FakeWsError("ACCESS_DENIED", DENIED);
    if (r.module === "Users" && r.fields.status === "Inactive") {
      throw new FakeWsError("RECORD_NOT_FOUND", "Record you are trying to access is not found");
    }
    if (!this.isVisibleRow(r)) throw new FakeWsError("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
    return r;
  }

  /** Inactive users and tasks stored without an activity type exist in the database but not for the webservice (59, 62, 63, 83). */
  private isVisibleRow(r: StoredRecord): boolean {
    if (r.module === "Users") return r.fields.status !== "Inactive";
    if (r.module === "Calendar") return (r.fields.activitytype ?? "") !== "";
    return true;
  }

  /** Keeps known fields as text; system-managed ones are Vtiger's to set, unknown ones are dropped (17). */
  private sanitize(def: FakeModuleDef, element: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of def.fields) {
      if (SYSTEM_MANAGED.has(f.name) || f.name === def.autoNumber?.field) continue;
      if (Object.hasOwn(element, f.name)) out[f.name] = toText(element[f.name]);
    }
    return out;
  }

  /** One field at a time, in describe order, by bare name (15, 18, 60, 66, 77). */
  private validate(def: FakeModuleDef, fields: Record<string, string>): void {
    for (const f of def.fields) {
      if (f.mandatory && (fields[f.name] ?? "").trim() === "") {
        throw new FakeWsError("MANDATORY_FIELDS_MISSING", `${f.name} does not have a value`);
      }
    }
    if (def.name === "Users") {
      // roleid is a reference with no Roles entity behind it: every form is refused (72–79).
      throw this.roleIdError(fields.roleid ?? "");
    }
    const owner = fields.assigned_user_id;
    const user = owner ? this.records.get(owner) : undefined;
    if (!user || user.module !== "Users") {
      // Assumed (not recorded): an owner that is no user.
      throw new FakeWsError("ACCESS_DENIED", "Cannot assign record to the given user");
    }
  }

  private roleIdError(value: string): FakeWsError {
    const parts = value.split("x");
    if (parts.length === 2 && !/^\d+$/.test(parts[0]!)) return new FakeWsError("ACCESS_DENIED", `${DENIED} for id`);
    return new FakeWsError("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
  }

  private insert(
    def: FakeModuleDef,
    fields: Record<string, string>,
    actingUserId: string,
    opts: { crmid?: number; createdMs?: number; modifiedMs?: number; keepSystem?: boolean } = {},
  ): StoredRecord {
    const t = this.now();
    const crmid = opts.crmid ?? this.nextCrmid;
    this.nextCrmid = Math.max(this.nextCrmid, crmid + 1);
    const id = `${def.idPrefix}x${crmid}`;
    for (const f of def.fields) {
      if (!f.hidden && (fields[f.name] === undefined || (!opts.keepSystem && SYSTEM_MANAGED.has(f.name)))) {
        fields[f.name] = storedDefault(def, f);
      }
    }
    if (def.autoNumber && !fields[def.autoNumber.field]) {
      const n = (this.autoNumbers.get(def.name) ?? 0) + 1;
      this.autoNumbers.set(def.name, n);
      fields[def.autoNumber.field] = `${def.autoNumber.prefix}${n}`;
    }
    const createdMs = opts.createdMs ?? t;
    const modifiedMs = opts.modifiedMs ?? t;
    if (!fields.createdtime) fields.createdtime = formatVtigerTime(createdMs);
    if (!fields.modifiedtime || !opts.keepSystem) fields.modifiedtime = formatVtigerTime(modifiedMs);
    if (!fields.modifiedby) fields.modifiedby = actingUserId;
    if (def.name === "ModComments" && !fields.creator) fields.creator = actingUserId;
    if (def.name === "Calendar" && !opts.keepSystem) fields.duration_hours = taskDurationHours(fields);
    const rec: StoredRecord = { id, module: def.name, crmid, fields, createdMs, modifiedMs, deleted: false };
    this.records.set(id, rec);
    return rec;
  }

  private touch(rec: StoredRecord, actingUserId: string, atMs = this.now()): void {
    rec.modifiedMs = atMs;
    if (!this.defOf(rec.module).actor) {
      rec.fields.modifiedtime = formatVtigerTime(atMs);
      rec.fields.modifiedby = actingUserId;
    }
  }

  create(moduleName: unknown, element: Record<string, unknown>, actingUserId: string): Record<string, string | null> {
    const def = this.moduleOrThrow(moduleName);
    const fields = this.sanitize(def, element);
    const withDefaults = { ...fields };
    this.validate(def, withDefaults);
    const rec = this.insert(def, fields, actingUserId);
    // A comment moves its parent's modifiedtime to its own (67 → 69).
    const parent = def.name === "ModComments" ? this.records.get(rec.fields.related_to ?? "") : undefined;
    if (parent && !parent.deleted) this.touch(parent, actingUserId, rec.modifiedMs);
    return this.visible(rec);
  }

  retrieve(id: unknown): Record<string, string | null> {
    return this.visible(this.recordOrThrow(id));
  }

  /** `update` replaces every field: fields left out become empty, so mandatory ones fail (28). */
  update(element: Record<string, unknown>, actingUserId: string): Record<string, string | null> {
    const rec = this.recordOrThrow(element.id);
    const def = this.defOf(rec.module);
    const next: Record<string, string> = {};
    for (const f of def.fields) {
      next[f.name] = SYSTEM_MANAGED.has(f.name) || f.name === def.autoNumber?.field ? (rec.fields[f.name] ?? "") : "";
    }
    Object.assign(next, this.sanitize(def, element));
    return this.write(rec, def, next, element, actingUserId);
  }

  /** `revise` changes only the fields sent (26). */
  revise(element: Record<string, unknown>, actingUserId: string): Record<string, string | null> {
    const rec = this.recordOrThrow(element.id);
    const def = this.defOf(rec.module);
    return this.write(rec, def, { ...rec.fields, ...this.sanitize(def, element) }, element, actingUserId);
  }

  private write(
    rec: StoredRecord,
    def: FakeModuleDef,
    next: Record<string, string>,
    element: Record<string, unknown>,
    actingUserId: string,
  ): Record<string, string | null> {
    if (def.name === "Users") {
      // Any roleid in the element, even the current one, is refused (80); without it a revise works (82).
      if (Object.hasOwn(element, "roleid")) throw this.roleIdError(toText(element.roleid));
      for (const f of def.fields) {
        if (f.mandatory && !f.hidden && (next[f.name] ?? "").trim() === "") {
          throw new FakeWsError("MANDATORY_FIELDS_MISSING", `${f.name} does not have a value`);
        }
      }
    } else {
      this.validate(def, next);
    }
    rec.fields = next;
    for (const k of Object.keys(element)) rec.nulls?.delete(k);
    this.touch(rec, actingUserId);
    return this.visible(rec, "record", { userLabel: true });
  }

  delete(id: unknown, actingUserId: string): { status: string } {
    const rec = this.recordOrThrow(id);
    // Assumed (not recorded): users cannot be deleted through the webservice.
    if (this.defOf(rec.module).actor) throw new FakeWsError("ACCESS_DENIED", DENIED);
    rec.deleted = true;
    this.touch(rec, actingUserId);
    return { status: "successful" };
  }

  query(q: VtqlQuery): Record<string, string | null>[] {
    const def = this.moduleOrThrow(q.module);
    const byName = new Map(def.fields.filter((f) => !f.hidden).map((f) => [f.name, f]));
    const known = (name: string) => name === "id" || byName.has(name);
    if (Array.isArray(q.select)) {
      for (const f of q.select) if (!known(f)) throw new FakeWsError("ACCESS_DENIED", `Permission to access '.${f}.' attribute denied.`);
    }
    for (const f of [...conditionFields(q.where), ...q.orderBy.map((o) => o.field)]) {
      if (!known(f)) throw new FakeWsError("ACCESS_DENIED", `Permission to access ${f} attribute denied.`);
    }
    this.checkConditionValues(q.where, byName);
    // count(*) answers an empty list, not a count (41).
    if (q.select === "count") return [];
    const rows = this.list(def.name)
      .filter((r) => this.isVisibleRow(r) && matches({ ...r.fields, id: r.id }, q.where))
      .map((r) => ({ rec: r, row: this.visible(r, "query") }));
    if (q.orderBy.length) {
      rows.sort((a, b) => {
        for (const o of q.orderBy) {
          const c =
            o.field === "id" ? a.rec.crmid - b.rec.crmid : compareValues(String(a.row[o.field] ?? ""), String(b.row[o.field] ?? ""));
          if (c !== 0) return o.desc ? -c : c;
        }
        return 0;
      });
    }
    // Assumed from Vtiger's documentation: never more than 100 rows, whatever LIMIT asks for.
    const count = Math.min(q.limit ?? QUERY_ROW_CAP, QUERY_ROW_CAP);
    const page = rows.slice(q.offset, q.offset + count).map((x) => x.row);
    if (q.select === "*") return page;
    const fields = q.select;
    return page.map((row) => {
      const out: Record<string, string | null> = {};
      for (const f of fields) out[f] = row[f] ?? "";
      out.id = row.id!;
      return out;
    });
  }

  /** `!= ''` is an internal error (39); a reference compared with anything but an NxM id is INVALID_ID_ATTRIBUTE (45). */
  private checkConditionValues(c: Condition | undefined, byName: Map<string, FakeFieldDef>): void {
    if (!c) return;
    if (c.kind === "and" || c.kind === "or") {
      this.checkConditionValues(c.left, byName);
      this.checkConditionValues(c.right, byName);
      return;
    }
    if (c.kind !== "compare") return;
    if (c.op === "!=" && c.value === "") throw new FakeWsError("INTERNAL_SERVER_ERROR", "Unknown Error while processing request");
    const f = byName.get(c.field);
    if (f && (f.type === "reference" || f.type === "owner") && c.value !== "" && !WS_ID.test(c.value)) {
      throw new FakeWsError("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
    }
  }

  /**
   * Vtiger's `sync`: the first 100 changes (updated and deleted together)
   * after `mtime` fix the page's upper second; every change in (mtime, bound]
   * is returned, in record order, deletions as ids, and `more` says whether
   * anything changed after the bound (50, 51). The default syncType only
   * sees the caller's own records (57); Users always answer empty lists with
   * the time echoed as a string (56).
   */
  sync(
    moduleName: unknown,
    mtimeSeconds: number,
    opts: { userId: string; application: boolean },
  ): { updated: Record<string, string | null>[]; deleted: string[]; lastModifiedTime: number | string; more: boolean } {
    const def = this.moduleOrThrow(moduleName);
    if (def.actor) return { updated: [], deleted: [], lastModifiedTime: String(mtimeSeconds), more: false };
    const seconds = (r: StoredRecord) => Math.floor(r.modifiedMs / 1000);
    const candidates = this.list(def.name, { includeDeleted: true })
      .filter((r) => this.isVisibleRow(r))
      .filter((r) => opts.application || r.fields.assigned_user_id === opts.userId)
      .filter((r) => seconds(r) > mtimeSeconds)
      .sort((a, b) => a.modifiedMs - b.modifiedMs || a.crmid - b.crmid);
    if (candidates.length === 0) return { updated: [], deleted: [], more: false, lastModifiedTime: mtimeSeconds };
    const bound = Math.max(...candidates.slice(0, SYNC_PAGE_SIZE).map(seconds));
    const inPage = candidates.filter((r) => seconds(r) <= bound).sort((a, b) => a.crmid - b.crmid);
    return {
      updated: inPage.filter((r) => !r.deleted).map((r) => this.visible(r, "sync")),
      deleted: inPage.filter((r) => r.deleted).map((r) => r.id),
      more: candidates.some((r) => seconds(r) > bound),
      lastModifiedTime: bound,
    };
  }

  /** With the install fix applied (88–90); an admin may change anyone's password with an empty old one. */
  changePassword(id: unknown, newPassword: unknown, confirmPassword: unknown, actingUserId: string): { message: string } {
    const rec = this.recordOrThrow(id);
    if (rec.module !== "Users") throw new FakeWsError("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
    if (rec.id !== actingUserId && !this.isAdmin(actingUserId)) throw new FakeWsError("ACCESS_DENIED", DENIED);
    if (typeof newPassword !== "string" || newPassword === "" || newPassword !== confirmPassword) {
      throw new FakeWsError("CHANGE_PASSWORD_FAILURE", "Failed to change password");
    }
    this.secrets.get(rec.id)!.password = newPassword;
    return { message: "Changed password successfully" };
  }
}
