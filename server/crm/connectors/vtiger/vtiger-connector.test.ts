import { afterEach, describe, expect, it } from "vitest";
import { startFakeVtiger, type FakeVtigerHandle, type FakeVtigerOptions } from "@/e2e/fakes/vtiger/fake-vtiger-server";
import { ConnectorError, type ConnectionConfig, type ModuleSyncConfig } from "../../connector";
import { VtigerConnector } from "./vtiger-connector";
import { defaultVtigerModules } from "./vtiger-defaults";

let fake: FakeVtigerHandle | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const CONTACTS: ModuleSyncConfig = {
  fields: ["firstname", "lastname", "email", "phone", "mailingcity"],
  externalKeyField: "cf_switchboard_id",
};

const USERS = [
  { username: "admin", accessKey: "fake-access-key", roleId: "H2", isAdmin: true },
  { username: "care1", accessKey: "k1", roleId: "H5", isAdmin: false },
  { username: "care2", accessKey: "k2", roleId: "H5", isAdmin: false },
  { username: "care3", accessKey: "k3", roleId: "H5", isAdmin: false, active: false },
];

interface Sent {
  operation: string;
  element?: Record<string, unknown>;
  elementType?: string;
}

async function setup(modules: Record<string, ModuleSyncConfig> = { Contacts: CONTACTS }, fakeOpts: FakeVtigerOptions = {}) {
  fake = await startFakeVtiger({ users: USERS, ...fakeOpts });
  const f = fake;
  const sent: Sent[] = [];
  const config: ConnectionConfig = { baseUrl: `${f.url}/`, username: "admin", secret: "fake-access-key", modules };
  const connector = new VtigerConnector(config, {
    clientOptions: {
      sleep: async (ms) => f.clock.advance(ms),
      now: f.clock.now,
      backoff: { baseMs: 1, maxMs: 2 },
      fetch: async (input, init) => {
        if (typeof init?.body === "string") {
          const p = new URLSearchParams(init.body);
          const element = p.get("element");
          sent.push({
            operation: p.get("operation") ?? "",
            elementType: p.get("elementType") ?? undefined,
            element: element ? (JSON.parse(element) as Record<string, unknown>) : undefined,
          });
        }
        return fetch(input, init);
      },
    },
  });
  return { fake: f, connector, sent };
}

async function rejects(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error("expected a ConnectorError");
}

const writes = (sent: Sent[]) => sent.filter((s) => ["create", "update", "revise"].includes(s.operation));
const contactFields = (f: FakeVtigerHandle) => f.records.list("Contacts").map((r) => r.fields);

describe("testConnection and describe", () => {
  it("logs in, lists modules and flags enabled fields Vtiger does not have", async () => {
    const { connector, fake: f } = await setup({ Contacts: { ...CONTACTS, fields: [...CONTACTS.fields, "cf_nope"] } });
    const r = await connector.testConnection();
    if (!r.ok) throw r.error;
    expect(r.user).toEqual({ externalId: f.adminUserId, userName: "admin" });
    expect(r.modules.map((m) => m.name)).toEqual(expect.arrayContaining(["Contacts", "Accounts", "Calendar", "ModComments", "Users"]));
    expect(r.warnings).toEqual(["Contacts: fields not in Vtiger: cf_nope"]);
  });

  it("reports refused credentials as ok:false with an auth error instead of throwing", async () => {
    const { connector, fake: f } = await setup();
    f.setFault({ type: "invalid_credentials" });
    const r = await connector.testConnection();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("auth");
  });

  it("describes a module with mandatory flags, once per connector", async () => {
    const { connector } = await setup();
    const d = await connector.describe("Contacts");
    const byName = Object.fromEntries(d.fields.map((f) => [f.name, f]));
    expect(byName.lastname).toMatchObject({ mandatory: true, editable: true, type: "string" });
    expect(byName.assigned_user_id).toMatchObject({ mandatory: true, type: "owner" });
    expect(byName.modifiedtime).toMatchObject({ editable: false });
    expect(byName.account_id?.refersTo).toEqual(["Accounts"]);
    await connector.describe("Contacts");
    expect(connector.client.stats.byOperation.describe).toBe(1);
  });
});

describe("pushRecord", () => {
  it("creates a contact with only the enabled fields, our id in the key field, and a working link", async () => {
    const { connector, fake: f, sent } = await setup();
    const r = await connector.pushRecord({
      module: "Contacts",
      localId: "cust_1",
      data: { firstname: "Ann", lastname: "Otieno", email: "ann@example.test", birthday: "1990-01-01", description: "secret note" },
      idempotencyKey: "q1",
    });
    expect(r.created).toBe(true);
    expect(r.adopted).toBe(false);
    expect(r.droppedFields).toEqual(["birthday", "description"]);
    expect(r.externalId).toMatch(/^12x\d+$/);
    expect(r.url).toBe(`${f.url}/index.php?module=Contacts&view=Detail&record=${r.externalId.split("x")[1]}`);
    expect(r.remoteModifiedAt).toBeInstanceOf(Date);
    const [stored] = contactFields(f);
    expect(stored).toMatchObject({ firstname: "Ann", lastname: "Otieno", cf_switchboard_id: "cust_1", birthday: "", description: "" });
    expect(stored!.assigned_user_id).toBe(f.adminUserId);
    expect(Object.keys(writes(sent)[0]!.element!).sort()).toEqual(
      ["assigned_user_id", "cf_switchboard_id", "email", "firstname", "lastname"].sort(),
    );
  });

  it("updates a linked record with revise: fields the CRM owns are left alone", async () => {
    const { connector, fake: f, sent } = await setup();
    const first = await connector.pushRecord({ module: "Contacts", localId: "cust_2", data: { lastname: "Kamau" }, idempotencyKey: "a" });
    f.records.edit(first.externalId, { description: "set in the CRM", mailingcity: "Nakuru" });
    const second = await connector.pushRecord({
      module: "Contacts",
      localId: "cust_2",
      externalId: first.externalId,
      data: { lastname: "Kamau-Wanjiru", phone: "+254700000000" },
      idempotencyKey: "b",
    });
    expect(second).toMatchObject({ externalId: first.externalId, created: false, adopted: false });
    expect(contactFields(f)[0]).toMatchObject({
      lastname: "Kamau-Wanjiru",
      phone: "+254700000000",
      description: "set in the CRM",
      mailingcity: "Nakuru",
    });
    expect(writes(sent).map((w) => w.operation)).toEqual(["create", "revise"]);
  });

  it("never writes a module the connection does not enable, nor calls Vtiger for it", async () => {
    const { connector, fake: f } = await setup();
    const before = f.calls.length;
    const e = await rejects(connector.pushRecord({ module: "Accounts", localId: "org_1", data: { accountname: "Acme" }, idempotencyKey: "x" }));
    expect(e.kind).toBe("config");
    expect(e.retryable).toBe(false);
    expect(f.calls.length).toBe(before);
    expect(f.records.list("Accounts")).toEqual([]);
  });

  it("after a create whose answer was lost, the retry finds the record instead of making a second one", async () => {
    const { connector, fake: f } = await setup();
    f.setFault({ type: "drop_response", operations: ["create"], times: 1 });
    const push = { module: "Contacts", localId: "cust_9", data: { lastname: "Mwangi" }, idempotencyKey: "q9" };
    const e = await rejects(connector.pushRecord(push));
    expect(e.retryable).toBe(true);
    expect(f.records.list("Contacts")).toHaveLength(1);

    const retry = await connector.pushRecord(push);
    expect(retry).toMatchObject({ created: false, adopted: true });
    expect(f.records.list("Contacts")).toHaveLength(1);
    expect(retry.externalId).toBe(f.records.list("Contacts")[0]!.id);
    expect(f.calls.filter((c) => c.operation === "create")).toHaveLength(1);
  });

  it("skipLookup saves the lookup call on a first attempt", async () => {
    const { connector } = await setup();
    await connector.pushRecord({ module: "Contacts", localId: "c", data: { lastname: "Fast" }, idempotencyKey: "k", skipLookup: true });
    expect(connector.client.stats.byOperation.query).toBeUndefined();
  });

  it("missing mandatory fields → validation error naming them", async () => {
    const { connector } = await setup();
    const e = await rejects(connector.pushRecord({ module: "Contacts", localId: "c", data: { firstname: "Only" }, idempotencyKey: "k" }));
    expect(e.kind).toBe("validation");
    expect(e.fields).toEqual(["lastname"]);
  });

  it("writes decimals and dates as exact text", async () => {
    const { connector, fake: f } = await setup({
      Contacts: { fields: ["lastname", "cf_weekly_payment_total", "cf_last_payment_date", "cf_payment_count"], externalKeyField: "cf_switchboard_id" },
    });
    await connector.pushRecord({
      module: "Contacts",
      localId: "c",
      data: {
        lastname: "Pay",
        cf_weekly_payment_total: { toString: () => "1234.50" },
        cf_last_payment_date: new Date("2026-03-04T15:00:00Z"),
        cf_payment_count: 3,
      },
      idempotencyKey: "k",
    });
    expect(contactFields(f)[0]).toMatchObject({
      cf_weekly_payment_total: "1234.50",
      cf_last_payment_date: "2026-03-04",
      cf_payment_count: "3",
    });
  });
});

describe("reading records", () => {
  it("fetchRecords reads many records in one call, with only enabled fields and our id", async () => {
    const { connector, fake: f } = await setup();
    const a = f.records.seed({ module: "Contacts", fields: { lastname: "A", description: "hidden", cf_switchboard_id: "cust_a" } });
    const b = f.records.seed({ module: "Contacts", fields: { lastname: "B" } });
    const got = await connector.fetchRecords("Contacts", [a.id, "12x987654", b.id]);
    expect(got.map((r) => r.externalId)).toEqual([a.id, b.id]);
    expect(got[0]!.localId).toBe("cust_a");
    expect(got[0]!.data).not.toHaveProperty("description");
    expect(got[0]!.data).toMatchObject({ lastname: "A" });
    // Vtiger 8.4 has no MassRetrieve: one try, then one retrieve per id (the missing one is simply absent).
    expect(connector.client.stats.byOperation.massretrieve).toBe(1);
    expect(connector.client.stats.byOperation.retrieve).toBe(3);
  });

  it("findByExternalKey finds the record holding our id, or null", async () => {
    const { connector, fake: f } = await setup();
    const rec = f.records.seed({ module: "Contacts", fields: { lastname: "K", cf_switchboard_id: "it's-me" } });
    expect((await connector.findByExternalKey("Contacts", "it's-me"))?.externalId).toBe(rec.id);
    expect(await connector.findByExternalKey("Contacts", "nobody")).toBeNull();
  });

  it("deleteRecord is idempotent: 8.4's ACCESS_DENIED for a second delete counts as done (recorded 30)", async () => {
    const { connector, fake: f } = await setup();
    const rec = f.records.seed({ module: "Contacts", fields: { lastname: "Gone" } });
    expect(await connector.deleteRecord("Contacts", rec.id)).toEqual({ deleted: true });
    expect(await connector.deleteRecord("Contacts", rec.id)).toEqual({ deleted: false });
  });
});

describe("pullChanges", () => {
  const T0 = Date.UTC(2026, 1, 1);

  it("pages 250 changes with a cursor that can be resumed by another connector", async () => {
    const { connector, fake: f } = await setup();
    for (let i = 0; i < 250; i++) {
      f.records.seed({ module: "Contacts", fields: { lastname: `P${i}`, description: "x" }, modifiedTime: new Date(T0 + i * 1000) });
    }
    const p1 = await connector.pullChanges({ module: "Contacts", cursor: null });
    const p2 = await connector.pullChanges({ module: "Contacts", cursor: p1.nextCursor });
    expect([p1.updated.length, p1.more, p2.updated.length, p2.more]).toEqual([100, true, 100, true]);
    expect(p1.updated[0]!.data).not.toHaveProperty("description");

    // A new connector (e.g. after a restart) continues from the stored cursor.
    const again = new VtigerConnector(
      { baseUrl: f.url, username: "admin", secret: "fake-access-key", modules: { Contacts: CONTACTS } },
      { clientOptions: { now: f.clock.now } },
    );
    const p3 = await again.pullChanges({ module: "Contacts", cursor: p2.nextCursor });
    expect(p3.updated).toHaveLength(50);
    expect(p3.more).toBe(false);
    const all = new Set([...p1.updated, ...p2.updated, ...p3.updated].map((r) => r.externalId));
    expect(all.size).toBe(250);
  });

  it("reports later edits and deletions after the cursor", async () => {
    const { connector, fake: f } = await setup();
    const a = f.records.seed({ module: "Contacts", fields: { lastname: "A" }, modifiedTime: new Date(T0) });
    const b = f.records.seed({ module: "Contacts", fields: { lastname: "B" }, modifiedTime: new Date(T0 + 1000) });
    const first = await connector.pullChanges({ module: "Contacts", cursor: null });
    expect(first.more).toBe(false);
    f.records.edit(a.id, { lastname: "A2" });
    f.records.remove(b.id);
    const next = await connector.pullChanges({ module: "Contacts", cursor: first.nextCursor });
    expect(next.updated.map((r) => [r.externalId, r.data.lastname])).toEqual([[a.id, "A2"]]);
    expect(next.deleted).toEqual([b.id]);
  });

  it("still sees a change made later in the same second as the end of the last pull", async () => {
    const { connector, fake: f } = await setup();
    f.records.seed({ module: "Contacts", fields: { lastname: "Early" }, modifiedTime: new Date(T0) });
    const first = await connector.pullChanges({ module: "Contacts", cursor: null });
    const late = f.records.seed({ module: "Contacts", fields: { lastname: "Late" }, modifiedTime: new Date(T0 + 400) });
    const next = await connector.pullChanges({ module: "Contacts", cursor: first.nextCursor });
    expect(next.updated.map((r) => r.externalId)).toContain(late.id);
  });

  it("cursorAt skips history", async () => {
    const { connector, fake: f } = await setup();
    f.records.seed({ module: "Contacts", fields: { lastname: "Old" }, modifiedTime: new Date(T0) });
    const page = await connector.pullChanges({ module: "Contacts", cursor: connector.cursorAt(new Date(T0 + 60_000)) });
    expect(page.updated).toEqual([]);
  });

  it("starts from a cursor 8.4 accepts: never modifiedTime=0, which is an HTTP 500 (recorded 49)", async () => {
    const { connector, fake: f } = await setup();
    f.records.seed({ module: "Contacts", fields: { lastname: "First" }, modifiedTime: new Date(T0) });
    const page = await connector.pullChanges({ module: "Contacts", cursor: null });
    expect(page.updated).toHaveLength(1);
    expect(page.notice).toBeUndefined();
  });

  it("on a stock install (sync always HTTP 500) pulls by query with paging, and tells the admin the one-line fix", async () => {
    const { connector, fake: f } = await setup({ Contacts: CONTACTS }, { stockInstall: true });
    for (let i = 0; i < 150; i++) {
      f.records.seed({ module: "Contacts", fields: { lastname: `Q${i}` }, modifiedTime: new Date(T0 + i * 1000) });
    }
    const seen = new Set<string>();
    let cursor: string | null = null;
    let notice: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page: Awaited<ReturnType<typeof connector.pullChanges>> = await connector.pullChanges({ module: "Contacts", cursor });
      page.updated.forEach((r) => seen.add(r.externalId));
      notice = page.notice;
      cursor = page.nextCursor;
      if (!page.more) break;
    }
    expect(seen.size).toBe(150);
    expect(notice).toContain("INSERT INTO vtiger_ws_operation_parameters");
    // sync was only tried (and read-retried) for the first page; every later page went straight to the query.
    const syncCalls = f.calls.filter((c) => c.operation === "sync").length;
    const later = f.records.seed({ module: "Contacts", fields: { lastname: "Later" }, modifiedTime: new Date(T0 + 500_000) });
    const next = await connector.pullChanges({ module: "Contacts", cursor });
    // The last second of the previous pull comes again (one-second resolution), nothing older.
    expect(next.updated.map((r) => r.externalId).slice(-1)).toEqual([later.id]);
    expect(next.updated.length).toBeLessThanOrEqual(2);
    expect(f.calls.filter((c) => c.operation === "sync")).toHaveLength(syncCalls);
  });

  it("a sync 500 during a database outage is not mistaken for a broken sync", async () => {
    const { connector, fake: f } = await setup();
    await connector.pullChanges({ module: "Contacts", cursor: null });
    f.setFault({ type: "http_500" });
    expect((await rejects(connector.pullChanges({ module: "Contacts", cursor: null }))).kind).toBe("transient");
    f.clearFaults();
    const page = await connector.pullChanges({ module: "Contacts", cursor: null });
    expect(page.notice).toBeUndefined();
  });

  it("refuses a disabled module and a cursor that is not one", async () => {
    const { connector } = await setup();
    expect((await rejects(connector.pullChanges({ module: "Accounts", cursor: null }))).kind).toBe("config");
    expect((await rejects(connector.pullChanges({ module: "Contacts", cursor: "abc" }))).kind).toBe("config");
  });
});

describe("notes and tasks", () => {
  const modules = defaultVtigerModules();

  it("adds a note to a contact once, even when retried after a lost answer", async () => {
    const { connector, fake: f } = await setup(modules);
    const contact = f.records.seed({ module: "Contacts", fields: { lastname: "N" } });
    f.setFault({ type: "drop_response", operations: ["create"], times: 1 });
    const note = { module: "Contacts", externalId: contact.id, text: "Dependant Amina added on 2026-03-01", idempotencyKey: "note-1" };
    await rejects(connector.addNote(note));
    const r = await connector.addNote(note);
    expect(r.created).toBe(false);
    const comments = f.records.list("ModComments");
    expect(comments).toHaveLength(1);
    expect(comments[0]!.fields.related_to).toBe(contact.id);
    expect(comments[0]!.fields.commentcontent).toContain("Dependant Amina added");
    expect(r.externalId).toBe(comments[0]!.id);
  });

  it("refuses notes when ModComments is not enabled", async () => {
    const { connector } = await setup({ Contacts: CONTACTS });
    const e = await rejects(connector.addNote({ module: "Contacts", externalId: "12x1", text: "hi", idempotencyKey: "k" }));
    expect(e.kind).toBe("config");
  });

  it("creates one task per active user of a role, and a retry creates none", async () => {
    const { connector, fake: f } = await setup(modules);
    const contact = f.records.seed({ module: "Contacts", fields: { lastname: "T" } });
    const input = {
      subject: "Missing ID document",
      description: "Customer T: ID number missing",
      dueDate: new Date("2026-03-10T00:00:00Z"),
      relatedTo: { module: "Contacts", externalId: contact.id },
      assignTo: { roleId: "H5", mode: "each" as const },
      idempotencyKey: "req-1",
    };
    const r = await connector.createTask(input);
    expect(r.created).toBe(2);
    const tasks = f.records.list("Calendar");
    const care = f.records.list("Users").filter((u) => u.fields.roleid === "H5" && u.fields.status === "Active");
    expect(tasks.map((t) => t.fields.assigned_user_id).sort()).toEqual(care.map((u) => u.id).sort());
    expect(tasks[0]!.fields).toMatchObject({ contact_id: contact.id, due_date: "2026-03-10", taskstatus: "Not Started", activitytype: "Task" });
    // time_start is mandatory on 8.4 (recorded 60), and an untyped task would be invisible to the retry's lookup.
    expect(tasks[0]!.fields.time_start).toMatch(/^\d\d:\d\d:\d\d$/);

    const again = await connector.createTask(input);
    expect(again.created).toBe(0);
    expect(again.externalIds.sort()).toEqual(r.externalIds.sort());
    expect(f.records.list("Calendar")).toHaveLength(2);
  });

  it("mode one assigns a single task, to the same user on every retry", async () => {
    const { connector, fake: f } = await setup(modules);
    const input = {
      subject: "Call back",
      dueDate: new Date("2026-03-10T00:00:00Z"),
      assignTo: { roleId: "H5", mode: "one" as const },
      idempotencyKey: "req-2",
    };
    const r = await connector.createTask(input);
    await connector.createTask(input);
    expect(r.externalIds).toHaveLength(1);
    expect(f.records.list("Calendar")).toHaveLength(1);
  });

  it("a role without active users → validation error", async () => {
    const { connector } = await setup(modules);
    const e = await rejects(
      connector.createTask({ subject: "x", dueDate: new Date(), assignTo: { roleId: "H9", mode: "each" }, idempotencyKey: "k" }),
    );
    expect(e.kind).toBe("validation");
  });
});

describe("user provisioning", () => {
  const modules = defaultVtigerModules();
  const newUser = {
    userName: "jdoe",
    email: "jdoe@example.test",
    firstName: "Jane",
    lastName: "Doe",
    roleId: "H5",
    active: true,
    password: "S3cret-pass!",
  };

  it("cannot create a user on 8.4: explains what the admin does in Vtiger, and sends no create", async () => {
    const { connector, fake: f } = await setup(modules);
    const e = await rejects(connector.users.createUser(newUser));
    expect([e.kind, e.retryable]).toEqual(["config", false]);
    expect(e.message).toContain("Settings > User Management > Users");
    expect(f.calls.filter((c) => c.operation === "create")).toHaveLength(0);
  });

  it("links an existing user by user name or by e-mail, and sets its password", async () => {
    const { connector, fake: f } = await setup(modules, {
      users: [...USERS, { username: "jane.d", accessKey: "k9", roleId: "H5", isAdmin: false, email: "jdoe@example.test" }],
    });
    const byEmail = await connector.users.createUser(newUser);
    expect(byEmail).toMatchObject({ userName: "jane.d", created: false });
    expect((await connector.users.findUser("care1"))?.userName).toBe("care1");
    await connector.users.setUserPassword(byEmail.externalId, "Reset-123");
    expect(f.userPassword(byEmail.externalId)).toBe("Reset-123");
  });

  it("mirrors Inactive; re-activating is refused by Vtiger and explained, not retried", async () => {
    const { connector, fake: f } = await setup(modules);
    const care1 = (await connector.users.findUser("care1"))!;
    await connector.users.setUserActive(care1.externalId, false);
    expect(f.records.get(care1.externalId)!.fields.status).toBe("Inactive");
    expect(await connector.users.findUser("care1")).toBeNull();
    const e = await rejects(connector.users.setUserActive(care1.externalId, true));
    expect([e.kind, e.remoteCode]).toEqual(["config", "RECORD_NOT_FOUND"]);
    expect(e.message).toContain("Status back to Active");
  });

  it("lists users of a role without a roleid condition (INVALID_ID_ATTRIBUTE on 8.4); inactive users are invisible", async () => {
    const { connector, fake: f } = await setup(modules);
    expect((await connector.users.listUsers({ roleId: "H5" })).map((u) => u.userName)).toEqual(["care1", "care2"]);
    expect((await connector.users.listUsers({ roleId: "H5", activeOnly: true })).map((u) => u.userName)).toEqual(["care1", "care2"]);
    expect(f.calls.filter((c) => c.errorCode)).toEqual([]);
  });

  it("refuses provisioning when Users is not enabled, without calling Vtiger", async () => {
    const { connector, fake: f } = await setup({ Contacts: CONTACTS });
    const e = await rejects(connector.users.createUser(newUser));
    expect(e.kind).toBe("config");
    expect(f.calls).toHaveLength(0);
  });

  it("links users to the CRM's settings page", async () => {
    const { connector, fake: f } = await setup(modules);
    expect(connector.remoteUrl("Users", "19x7")).toBe(`${f.url}/index.php?module=Users&parent=Settings&view=Detail&record=7`);
  });
});

describe("only enabled fields are ever sent", () => {
  it("holds across every write operation of a busy session", async () => {
    const modules = defaultVtigerModules();
    const { connector, fake: f, sent } = await setup(modules);
    const c = await connector.pushRecord({
      module: "Contacts",
      localId: "z",
      data: { lastname: "Z", description: "no", birthday: "2000-01-01", leadsource: "Web Site" },
      idempotencyKey: "z1",
    });
    await connector.pushRecord({ module: "Contacts", localId: "z", externalId: c.externalId, data: { account_id: "11x1", phone: "1" }, idempotencyKey: "z2" });
    await connector.addNote({ module: "Contacts", externalId: c.externalId, text: "n", idempotencyKey: "z3" });
    await connector.createTask({ subject: "s", dueDate: new Date(), assignTo: { userId: f.adminUserId }, idempotencyKey: "z4" });
    await rejects(connector.users.createUser({ userName: "u", email: "u@x.test", lastName: "U", roleId: "H5", active: true, password: "pw" }));
    const allowed = (module: string) => new Set([...modules[module]!.fields, modules[module]!.externalKeyField, "id", "assigned_user_id"]);
    for (const w of writes(sent)) {
      const moduleName = w.elementType ?? "Contacts";
      for (const field of Object.keys(w.element ?? {})) expect(allowed(moduleName).has(field), `${moduleName}.${field}`).toBe(true);
    }
    expect(connector.callCount()).toBe(f.calls.length);
  });
});
