/**
 * In-memory records of the fake Vtiger and the rules Vtiger applies to them:
 * web-service ids (`12x345`), mandatory fields, reference checks, auto
 * numbers, modifiedtime per record (one-second resolution, as in Vtiger's
 * database), soft deletes visible to `sync`, the 100-row query cap and the
 * sync paging rule. Test code only.
 */
import crypto from "node:crypto";
import { FAKE_MODULES, moduleByPrefix, type FakeModuleDef } from "./fake-vtiger-schema";
import { compareValues, conditionFields, matches, type VtqlQuery } from "./fake-vtql";

/** A Vtiger web-service error: answered as {success:false, error:{code, message}}. */
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
}

export interface SeedRecord {
  module: string;
  fields: Record<string, unknown>;
  /** Defaults to the fake's clock; set it to spread records over time (sync tests). */
  modifiedTime?: Date;
}

export const QUERY_ROW_CAP = 100;
export const SYNC_PAGE_SIZE = 100;
export const MASS_RETRIEVE_CAP = 200;

/** Vtiger's datetime text: "YYYY-MM-DD HH:MM:SS" (UTC here). */
export function formatVtigerTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace("T", " ").slice(0, 19);
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function parseId(id: unknown): { prefix: string; crmid: number } | null {
  if (typeof id !== "string") return null;
  const m = /^(\d+)x(\d+)$/.exec(id.trim());
  return m ? { prefix: m[1]!, crmid: Number(m[2]) } : null;
}

export class FakeVtigerStore {
  private readonly records = new Map<string, StoredRecord>();
  private readonly secrets = new Map<string, StoredUserSecrets>();
  private nextCrmid = 100;
  private nextUserId = 1;
  private readonly autoNumbers = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  // ---- users -------------------------------------------------------------

  /** Adds a user (bypassing the API) and returns its web-service id. */
  addUser(u: FakeUserInput): string {
    const id = `${FAKE_MODULES.Users!.idPrefix}x${this.nextUserId++}`;
    const t = this.now();
    this.records.set(id, {
      id,
      module: "Users",
      crmid: Number(id.split("x")[1]),
      fields: {
        user_name: u.username,
        first_name: u.firstName ?? "",
        last_name: u.lastName ?? u.username,
        email1: u.email ?? `${u.username}@example.test`,
        status: u.active === false ? "Inactive" : "Active",
        roleid: u.roleId ?? "H2",
        is_admin: u.isAdmin === false ? "off" : "on",
      },
      createdMs: t,
      modifiedMs: t,
      deleted: false,
    });
    this.secrets.set(id, { accessKey: u.accessKey, password: crypto.randomBytes(8).toString("hex") });
    return id;
  }

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
    // Map order is insertion order and ids only grow, so this is already crmid order.
    return [...this.records.values()].filter((r) => (!module || r.module === module) && (opts.includeDeleted || !r.deleted));
  }

  /** The record as the API shows it (no hidden fields). */
  visible(r: StoredRecord): Record<string, string> {
    const def = FAKE_MODULES[r.module]!;
    const out: Record<string, string> = {};
    for (const f of def.fields) if (!f.hidden) out[f.name] = r.fields[f.name] ?? "";
    out.id = r.id;
    return out;
  }

  clear(): void {
    this.records.clear();
    this.secrets.clear();
    this.autoNumbers.clear();
    this.nextCrmid = 100;
    this.nextUserId = 1;
  }

  /** Inserts a record directly (seeding), still filling system fields. */
  seed(rec: SeedRecord, ownerId: string): StoredRecord {
    const def = this.moduleOrThrow(rec.module);
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(rec.fields)) fields[k] = toText(v);
    if (!def.actor && !fields.assigned_user_id) fields.assigned_user_id = ownerId;
    return this.insert(def, fields, ownerId, rec.modifiedTime?.getTime());
  }

  // ---- operations ----------------------------------------------------------

  moduleOrThrow(name: unknown): FakeModuleDef {
    const def = typeof name === "string" ? FAKE_MODULES[name] : undefined;
    if (!def) throw new FakeWsError("ACCESS_DENIED", "Permission to perform the operation is denied for name");
    return def;
  }

  private recordOrThrow(id: unknown): StoredRecord {
    const parsed = parseId(id);
    if (!parsed || !moduleByPrefix(parsed.prefix)) throw new FakeWsError("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
    const r = this.records.get(`${parsed.prefix}x${parsed.crmid}`);
    if (!r || r.deleted) throw new FakeWsError("RECORD_NOT_FOUND", "Record you are trying to access is not found");
    return r;
  }

  private assertWriteAllowed(def: FakeModuleDef, actingUserId: string): void {
    if (def.actor && !this.isAdmin(actingUserId)) {
      throw new FakeWsError("ACCESS_DENIED", "Permission to perform the operation is denied");
    }
  }

  /** Keeps known, editable fields as text, like DataTransform::sanitizeForInsert. */
  private sanitize(def: FakeModuleDef, element: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of def.fields) {
      if (f.editable === false) continue;
      if (Object.hasOwn(element, f.name)) out[f.name] = toText(element[f.name]);
    }
    return out;
  }

  private validate(def: FakeModuleDef, fields: Record<string, string>, creating: boolean): void {
    for (const f of def.fields) {
      const required = f.mandatory || (creating && f.mandatoryOnCreate);
      if (required && (fields[f.name] ?? "").trim() === "") {
        throw new FakeWsError("MANDATORY_FIELDS_MISSING", `${f.label} (${f.name}) does not have a value`);
      }
    }
    for (const f of def.fields) {
      const value = fields[f.name] ?? "";
      if (value === "" || f.editable === false) continue;
      if (f.type === "owner") {
        const owner = this.records.get(value);
        if (!owner || owner.module !== "Users" || owner.deleted) {
          throw new FakeWsError("ACCESS_DENIED", "Cannot assign record to the given user");
        }
      } else if (f.type === "reference") {
        const parsed = parseId(value);
        const target = parsed ? moduleByPrefix(parsed.prefix) : undefined;
        const rec = this.records.get(value);
        if (!target || !f.refersTo?.includes(target.name) || !rec || rec.deleted) {
          throw new FakeWsError("REFERENCE_INVALID", `Invalid reference specified for ${f.name}`);
        }
      }
    }
    if (def.name === "Users" && creating && fields.user_password !== fields.confirm_password) {
      throw new FakeWsError("CHANGE_PASSWORD_FAILURE", "Password and confirm password do not match");
    }
  }

  private insert(def: FakeModuleDef, fields: Record<string, string>, actingUserId: string, atMs?: number): StoredRecord {
    const t = atMs ?? this.now();
    // Users have their own id sequence; every other entity shares vtiger_crmentity's.
    const crmid = def.actor ? this.nextUserId++ : this.nextCrmid++;
    const id = `${def.idPrefix}x${crmid}`;
    // Like a database row, every column exists; empty ones hold "".
    for (const f of def.fields) {
      if (f.default !== undefined && (fields[f.name] ?? "") === "") fields[f.name] = f.default;
      if (!f.hidden && fields[f.name] === undefined) fields[f.name] = "";
    }
    if (def.autoNumber) {
      const n = (this.autoNumbers.get(def.name) ?? 0) + 1;
      this.autoNumbers.set(def.name, n);
      fields[def.autoNumber.field] = `${def.autoNumber.prefix}${n}`;
    }
    if (!def.actor) {
      fields.createdtime = formatVtigerTime(t);
      fields.modifiedtime = formatVtigerTime(t);
      fields.modifiedby = actingUserId;
      if (def.name === "ModComments") fields.creator = actingUserId;
    }
    let password = "";
    if (def.name === "Users") {
      password = fields.user_password ?? "";
      delete fields.user_password;
      delete fields.confirm_password;
    }
    const rec: StoredRecord = { id, module: def.name, crmid, fields, createdMs: t, modifiedMs: t, deleted: false };
    this.records.set(id, rec);
    if (def.name === "Users") this.secrets.set(id, { accessKey: crypto.randomBytes(8).toString("hex"), password });
    return rec;
  }

  private touch(rec: StoredRecord, actingUserId: string): void {
    const t = this.now();
    rec.modifiedMs = t;
    if (!FAKE_MODULES[rec.module]!.actor) {
      rec.fields.modifiedtime = formatVtigerTime(t);
      rec.fields.modifiedby = actingUserId;
    }
  }

  create(moduleName: unknown, element: unknown, actingUserId: string): Record<string, string> {
    const def = this.moduleOrThrow(moduleName);
    this.assertWriteAllowed(def, actingUserId);
    if (!element || typeof element !== "object") throw new FakeWsError("MANDATORY_FIELDS_MISSING", "Mandatory fields not specified");
    const fields = this.sanitize(def, element as Record<string, unknown>);
    if (def.name === "Users" && fields.user_name && this.userByName(fields.user_name)) {
      throw new FakeWsError("DATABASE_QUERY_ERROR", "User Name already exists");
    }
    this.validate(def, fields, true);
    return this.visible(this.insert(def, fields, actingUserId));
  }

  retrieve(id: unknown): Record<string, string> {
    return this.visible(this.recordOrThrow(id));
  }

  /** `update` replaces every editable field: fields left out become empty. */
  update(element: unknown, actingUserId: string): Record<string, string> {
    const el = (element ?? {}) as Record<string, unknown>;
    const rec = this.recordOrThrow(el.id);
    const def = FAKE_MODULES[rec.module]!;
    this.assertWriteAllowed(def, actingUserId);
    const next: Record<string, string> = {};
    for (const f of def.fields) if (f.editable === false) next[f.name] = rec.fields[f.name] ?? "";
    Object.assign(next, this.sanitize(def, el));
    for (const f of def.fields) if (!f.hidden && next[f.name] === undefined) next[f.name] = "";
    if (def.name === "Users") {
      delete next.user_password;
      delete next.confirm_password;
    }
    this.validate(def, next, false);
    rec.fields = next;
    this.touch(rec, actingUserId);
    return this.visible(rec);
  }

  /** `revise` changes only the fields sent. */
  revise(element: unknown, actingUserId: string): Record<string, string> {
    const el = (element ?? {}) as Record<string, unknown>;
    const rec = this.recordOrThrow(el.id);
    const def = FAKE_MODULES[rec.module]!;
    this.assertWriteAllowed(def, actingUserId);
    const changes = this.sanitize(def, el);
    if (def.name === "Users") {
      delete changes.user_password;
      delete changes.confirm_password;
    }
    const next = { ...rec.fields, ...changes };
    this.validate(def, next, false);
    rec.fields = next;
    this.touch(rec, actingUserId);
    return this.visible(rec);
  }

  delete(id: unknown, actingUserId: string): { status: string } {
    const rec = this.recordOrThrow(id);
    const def = FAKE_MODULES[rec.module]!;
    if (def.actor) throw new FakeWsError("ACCESS_DENIED", "Permission to perform the operation is denied");
    rec.deleted = true;
    this.touch(rec, actingUserId);
    return { status: "successful" };
  }

  query(q: VtqlQuery): Record<string, string>[] {
    const def = this.moduleOrThrow(q.module);
    const known = new Set(def.fields.filter((f) => !f.hidden).map((f) => f.name).concat("id"));
    const used = [
      ...(Array.isArray(q.select) ? q.select : []),
      ...conditionFields(q.where),
      ...q.orderBy.map((o) => o.field),
    ];
    for (const f of used) {
      if (!known.has(f)) throw new FakeWsError("QUERY_SYNTAX_ERROR", `Unknown field: ${f}`);
    }
    // Filter on the stored row first (every column exists there); build answers only for hits.
    const rows = this.list(def.name)
      .filter((r) => matches(q.where ? { ...r.fields, id: r.id } : r.fields, q.where))
      .map((r) => this.visible(r));
    if (q.select === "count") return [{ count: String(rows.length) }];
    if (q.orderBy.length) {
      rows.sort((a, b) => {
        for (const o of q.orderBy) {
          const c = compareValues(a[o.field] ?? "", b[o.field] ?? "");
          if (c !== 0) return o.desc ? -c : c;
        }
        return 0;
      });
    }
    // Vtiger never answers more than 100 rows, whatever LIMIT asks for.
    const count = Math.min(q.limit ?? QUERY_ROW_CAP, QUERY_ROW_CAP);
    const page = rows.slice(q.offset, q.offset + count);
    if (q.select === "*") return page;
    const fields = q.select;
    return page.map((row) => {
      const out: Record<string, string> = {};
      for (const f of fields) out[f] = row[f] ?? "";
      out.id = row.id!;
      return out;
    });
  }

  /** Up to 200 ids of one module; ids of other modules, unknown or deleted ones are left out. */
  massRetrieve(idsParam: unknown): Record<string, Record<string, string>> {
    const ids = String(idsParam ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length > MASS_RETRIEVE_CAP) {
      throw new FakeWsError("INVALID_ID_ATTRIBUTE", `At most ${MASS_RETRIEVE_CAP} ids per call`);
    }
    const out: Record<string, Record<string, string>> = {};
    let moduleName: string | undefined;
    for (const id of ids) {
      const rec = this.records.get(id);
      if (!rec || rec.deleted) continue;
      moduleName ??= rec.module;
      if (rec.module !== moduleName) continue;
      out[id] = this.visible(rec);
    }
    return out;
  }

  /**
   * Vtiger's `sync`: the first 100 modification times after `mtime` fix the
   * page's upper bound; every record modified in (mtime, bound] is returned
   * (so a page can exceed 100 when times tie), deletions as ids, and `more`
   * says whether anything was modified after the bound. Users are never synced.
   */
  sync(
    moduleName: unknown,
    mtimeSeconds: number,
    opts: { userId: string; application: boolean },
  ): { updated: Record<string, string>[]; deleted: string[]; lastModifiedTime: number; more: boolean } {
    const def = this.moduleOrThrow(moduleName);
    if (opts.application && !this.isAdmin(opts.userId)) {
      throw new FakeWsError("ACCESS_DENIED", "Only admin users can perform application sync");
    }
    if (def.actor) return { updated: [], deleted: [], lastModifiedTime: mtimeSeconds, more: false };
    const seconds = (r: StoredRecord) => Math.floor(r.modifiedMs / 1000);
    const candidates = this.list(def.name, { includeDeleted: true })
      .filter((r) => opts.application || r.fields.assigned_user_id === opts.userId)
      .filter((r) => seconds(r) > mtimeSeconds)
      .sort((a, b) => a.modifiedMs - b.modifiedMs || a.crmid - b.crmid);
    if (candidates.length === 0) return { updated: [], deleted: [], lastModifiedTime: mtimeSeconds, more: false };
    const bound = Math.max(...candidates.slice(0, SYNC_PAGE_SIZE).map(seconds));
    const inPage = candidates.filter((r) => seconds(r) <= bound);
    return {
      updated: inPage.filter((r) => !r.deleted).map((r) => this.visible(r)),
      deleted: inPage.filter((r) => r.deleted).map((r) => r.id),
      lastModifiedTime: bound,
      more: candidates.some((r) => seconds(r) > bound),
    };
  }

  changePassword(id: unknown, newPassword: unknown, confirmPassword: unknown, actingUserId: string): { message: string } {
    const rec = this.recordOrThrow(id);
    if (rec.module !== "Users") throw new FakeWsError("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
    if (rec.id !== actingUserId && !this.isAdmin(actingUserId)) {
      throw new FakeWsError("ACCESS_DENIED", "Permission to perform the operation is denied");
    }
    if (typeof newPassword !== "string" || newPassword === "" || newPassword !== confirmPassword) {
      throw new FakeWsError("CHANGE_PASSWORD_FAILURE", "Failed to change password");
    }
    this.secrets.get(rec.id)!.password = newPassword;
    return { message: "Changed password successfully" };
  }
}
