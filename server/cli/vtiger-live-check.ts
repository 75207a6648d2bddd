// npx tsx server/cli/vtiger-live-check.ts: drives OUR Vtiger client and
// connector against a Vtiger (a real one on loopback, or the fake) and prints
// what each operation answered, one JSON line per step, so it can be compared
// with the recorded 8.4 transcripts and the fake.
//
//   VTIGER_URL=http://127.0.0.1:8084 VTIGER_USER=admin VTIGER_ACCESS_KEY=… \
//     CRM_ALLOW_LOOPBACK=true npx tsx server/cli/vtiger-live-check.ts
//   VTIGER_TARGET=fake npx tsx server/cli/vtiger-live-check.ts   (the fake, in-process, as a stock
//   install; VTIGER_FAKE_STOCK=0 makes it a fixed one)
//
// It creates, changes and deletes a few test contacts and tasks (names start
// with "LiveCheck"). The access key and session ids are never printed.
// VTIGER_ADMIN_PASSWORD (optional): changePassword is sent with this value as
// the new password of the API user, so a Vtiger where it works keeps the same password.
import { ConnectorError } from "../crm/connector";
import { VtigerClient } from "../crm/connectors/vtiger/vtiger-client";
import { VtigerConnector } from "../crm/connectors/vtiger/vtiger-connector";
import { vtqlString } from "../crm/connectors/vtiger/vtql";
import { readFileSync } from "node:fs";
import path from "node:path";

type Fields = Record<string, unknown>;

/** The recorded 8.4 answer of one transcript (e2e/fakes/vtiger/recorded-8.4), for key-by-key comparison. */
function recordedResult(file: string): Fields {
  const t = JSON.parse(readFileSync(path.join(process.cwd(), "e2e/fakes/vtiger/recorded-8.4", file), "utf8")) as {
    response: { body: { result: Fields } };
  };
  return t.response.body.result;
}
/** Names in `actual` but not `recorded` and the reverse; the recorded install's cf_* fields are left out. */
function nameDiff(actual: string[], recorded: string[]): Fields {
  const ours = new Set(actual);
  const theirs = new Set(recorded.filter((n) => !n.startsWith("cf_")));
  return { extra: actual.filter((n) => !theirs.has(n)), missing: [...theirs].filter((n) => !ours.has(n)), sameOrder: actual.filter((n) => theirs.has(n)).join() === [...theirs].filter((n) => ours.has(n)).join() };
}

const useFake = process.env.VTIGER_TARGET === "fake";
let closeFake: (() => Promise<void>) | null = null;
let baseUrl = process.env.VTIGER_URL ?? "";
let username = process.env.VTIGER_USER ?? "admin";
let accessKey = process.env.VTIGER_ACCESS_KEY ?? "";

if (useFake) {
  const { startFakeVtiger } = await import("../../e2e/fakes/vtiger/fake-vtiger-server");
  const fake = await startFakeVtiger({ port: 0, stockInstall: process.env.VTIGER_FAKE_STOCK !== "0" });
  baseUrl = fake.url;
  username = "admin";
  accessKey = "fake-access-key";
  closeFake = () => fake.close();
} else if (!baseUrl || !accessKey) {
  console.error("Set VTIGER_URL, VTIGER_USER and VTIGER_ACCESS_KEY (or VTIGER_TARGET=fake).");
  process.exit(2);
}

const secrets = [accessKey].filter(Boolean);
const sessions: string[] = [];
function redact(text: string): string {
  let out = text;
  for (const s of [...secrets, ...sessions]) out = out.split(s).join("<redacted>");
  return out;
}

function describeError(e: unknown): Fields {
  if (e instanceof ConnectorError) {
    return { kind: e.kind, remoteCode: e.remoteCode, httpStatus: e.httpStatus, message: e.message };
  }
  return { error: e instanceof Error ? e.message : String(e) };
}

let failures = 0;
async function step<T>(name: string, run: () => Promise<T>, summarize: (r: T) => unknown = (r) => r): Promise<T | undefined> {
  try {
    const r = await run();
    console.log(redact(JSON.stringify({ step: name, ok: true, result: summarize(r) })));
    return r;
  } catch (e) {
    failures += 1;
    console.log(redact(JSON.stringify({ step: name, ok: false, ...describeError(e) })));
    return undefined;
  }
}

const contactFields = ["firstname", "lastname", "email", "description", "assigned_user_id"];
const calendarFields = ["subject", "description", "date_start", "due_date", "taskstatus", "assigned_user_id", "contact_id", "taskpriority"];
const client = new VtigerClient({ baseUrl, username, accessKey, maxReadRetries: 0 });
const connector = new VtigerConnector(
  { baseUrl, username, secret: accessKey, modules: { Contacts: { fields: contactFields }, Calendar: { fields: calendarFields } } },
  { client },
);
const run = `LiveCheck${Date.now().toString(36)}`;

try {
  const session = await step("login (getchallenge + login)", () => client.login(), (s) => {
    sessions.push(s.sessionName);
    return { userId: s.userId, vtigerVersion: s.vtigerVersion, sessionNameLength: s.sessionName.length };
  });
  const userId = session?.userId ?? "19x1";

  await step("describe Contacts", () => client.describe("Contacts"), (d) => ({
    name: d.name,
    idPrefix: d.idPrefix,
    createable: d.createable,
    updateable: d.updateable,
    fieldCount: d.fields.length,
    mandatory: d.fields.filter((f) => f.mandatory).map((f) => f.name),
    customFields: d.fields.filter((f) => f.name.startsWith("cf_")).map((f) => f.name),
    vsRecorded07: nameDiff(d.fields.map((f) => f.name), (recordedResult("07-describe-contacts.json").fields as { name: string }[]).map((f) => f.name)),
  }));

  const pushed = await step("create contact (connector.pushRecord: e-mail lookup, then create)", () =>
    connector.pushRecord({
      module: "Contacts",
      localId: `${run}-1`,
      idempotencyKey: `${run}-push-1`,
      data: { firstname: "Live", lastname: `${run} One`, email: `${run.toLowerCase()}@example.com`, description: "created by vtiger-live-check" },
    }),
  );
  const id = pushed?.externalId ?? "";

  const retrieved = await step("retrieve contact", () => client.retrieve(id), (r) => ({
    id: r.id,
    keyCount: Object.keys(r).length,
    firstname: r.firstname,
    lastname: r.lastname,
    email: r.email,
    source: r.source,
    modifiedtime: r.modifiedtime,
    label: r.label,
    vsRecorded21Keys: nameDiff(Object.keys(r), Object.keys(recordedResult("21-retrieve-contact-ok.json"))),
  }));

  if (retrieved) {
    await step("update with the full retrieved element (changed firstname)", () =>
      client.update({ ...retrieved, firstname: "Updated", description: "full update" }),
      (r) => ({ id: r.id, firstname: r.firstname, lastname: r.lastname, email: r.email, description: r.description }),
    );
  }
  await step("update with a partial element (id + firstname only; expected MANDATORY_FIELDS_MISSING)", () =>
    client.update({ id, firstname: "Partial" }),
    (r) => ({ id: r.id, firstname: r.firstname, lastname: r.lastname, email: r.email }),
  );
  await step("revise through connector.pushRecord (externalId known)", () =>
    connector.pushRecord({ module: "Contacts", localId: `${run}-1`, idempotencyKey: `${run}-push-2`, externalId: id, data: { description: "revised" } }),
  );
  await step("retrieve after revise", () => client.retrieve(id), (r) => ({ firstname: r.firstname, lastname: r.lastname, email: r.email, description: r.description }));

  const quoted = await step("create contact with an apostrophe (O'Brien)", () =>
    client.create("Contacts", { firstname: "Seamus", lastname: `O'Brien ${run}`, assigned_user_id: userId }),
    (r) => ({ id: r.id, lastname: r.lastname }),
  );
  await step("VTQL query, apostrophe doubled (vtqlString)", () =>
    client.query(`SELECT firstname, lastname FROM Contacts WHERE lastname = ${vtqlString(`O'Brien ${run}`)};`),
  );
  await step("VTQL query, apostrophe backslash-escaped (expected QUERY_SYNTAX_ERROR)", () =>
    client.query(`SELECT firstname, lastname FROM Contacts WHERE lastname = 'O\\'Brien ${run}';`),
  );

  await step("sync Contacts (client.syncPage from 1; stock install: empty HTTP 500 expected)", () =>
    client.syncPage("Contacts", 1), (p) => ({ updated: p.updated.length, deleted: p.deleted.length, more: p.more, lastModifiedTime: p.lastModifiedTime }),
  );
  const sinceSecond = Math.floor(Date.now() / 1000) - 3600;
  await step("pull (connector.pullChanges, cursor 1 hour ago: sync, else modifiedtime VTQL fallback)", () =>
    connector.pullChanges({ module: "Contacts", cursor: String(sinceSecond) }),
    (p) => ({ updated: p.updated.map((r) => r.externalId), deleted: p.deleted, nextCursor: p.nextCursor, more: p.more, notice: p.notice?.slice(0, 80) }),
  );
  await step("VTQL modifiedtime query as the fallback sends it (client.modifiedSince)", () =>
    client.modifiedSince("Contacts", sinceSecond), (rows) => rows.map((r) => ({ id: r.id, modifiedtime: r.modifiedtime })),
  );

  const task1 = await step("createTask (Calendar, activitytype Task, related to the contact)", () =>
    connector.createTask({
      subject: `${run} follow-up`,
      description: "follow-up from vtiger-live-check",
      dueDate: new Date(Date.now() + 2 * 86_400_000),
      priority: "High",
      relatedTo: { module: "Contacts", externalId: id },
      assignTo: { userId },
      idempotencyKey: `${run}-task`,
    }),
  );
  await step("createTask again, same idempotency key (expected: found, created 0)", () =>
    connector.createTask({
      subject: `${run} follow-up`,
      dueDate: new Date(Date.now() + 2 * 86_400_000),
      relatedTo: { module: "Contacts", externalId: id },
      assignTo: { userId },
      idempotencyKey: `${run}-task`,
    }),
  );
  if (task1?.externalIds[0]) {
    await step("retrieve the task", () => client.retrieve(task1.externalIds[0]!), (r) => ({
      id: r.id, activitytype: r.activitytype, subject: r.subject, date_start: r.date_start, time_start: r.time_start, due_date: r.due_date, taskstatus: r.taskstatus, contact_id: r.contact_id, taskpriority: r.taskpriority,
    }));
  }

  const victim = await step("create a contact to delete", () =>
    client.create("Contacts", { lastname: `${run} Doomed`, assigned_user_id: userId }), (r) => ({ id: r.id }));
  const victimId = victim?.id ?? "";

  await step("MassRetrieve (client.retrieveMany: massretrieve, else retrieve per id)", async () => {
    const before = { ...client.stats.byOperation };
    const found = await client.retrieveMany([id, victimId, "12x999999"]);
    const after = client.stats.byOperation;
    return {
      found: [...found.keys()],
      massretrieveCalls: (after.massretrieve ?? 0) - (before.massretrieve ?? 0),
      retrieveCalls: (after.retrieve ?? 0) - (before.retrieve ?? 0),
    };
  });
  await step("raw massretrieve call (what the server answers)", () =>
    (client as unknown as { call: (op: string, p: Record<string, string>, m: string) => Promise<unknown> }).call("massretrieve", { ids: id }, "POST"),
  );

  await step("delete contact (connector.deleteRecord)", () => connector.deleteRecord("Contacts", victimId));
  await step("delete the same contact again (expected ACCESS_DENIED, counted as done)", () => connector.deleteRecord("Contacts", victimId));
  await step("raw second delete (what the server answers)", () => client.delete(victimId));
  await step("retrieve the deleted contact (expected ACCESS_DENIED)", () => client.retrieve(victimId));

  await step("sync Contacts after the delete (fixed install: the deleted id in deleted[])", () =>
    client.syncPage("Contacts", sinceSecond), (p) => ({ updated: p.updated.map((r) => r.id), deleted: p.deleted, more: p.more, lastModifiedTime: p.lastModifiedTime, lastModifiedTimeType: typeof p.lastModifiedTime }),
  );

  await step("raw VTQL: SELECT id FROM Contacts WHERE id IN (live, deleted)", () =>
    client.query(`SELECT id FROM Contacts WHERE id IN (${vtqlString(id)}, ${vtqlString(victimId)});`),
  );
  await step("raw VTQL: SELECT lastname FROM Contacts WHERE id IN (live, deleted)", () =>
    client.query(`SELECT lastname FROM Contacts WHERE id IN (${vtqlString(id)}, ${vtqlString(victimId)});`),
  );
  await step("connector.findMissing(Contacts, [live, quoted, deleted, never-existed])", () =>
    connector.findMissing("Contacts", [id, quoted?.id ?? id, victimId, "12x999999"]),
  );

  await step("connector.findMissing with a full batch of 100 ids (2 live, 98 never existed) and 101 (two queries)", async () => {
    const ids = [id, quoted?.id ?? id, ...Array.from({ length: 99 }, (_, i) => `12x${900000 + i}`)];
    const before = client.stats.byOperation.query ?? 0;
    const first100 = await connector.findMissing("Contacts", ids.slice(0, 100));
    const all = await connector.findMissing("Contacts", ids);
    return { missingOf100: first100.length, missingOf101: all.length, liveReportedMissing: all.filter((x) => x === id || x === quoted?.id), queries: (client.stats.byOperation.query ?? 0) - before };
  });

  const samePassword = useFake ? "fake-password" : process.env.VTIGER_ADMIN_PASSWORD;
  if (samePassword) {
    secrets.push(samePassword);
    await step("changePassword to the same password (stock install: HTML restricted-file page expected)", () =>
      client.changePassword(userId, samePassword),
    );
  } else {
    console.log(JSON.stringify({ step: "changePassword", skipped: "set VTIGER_ADMIN_PASSWORD (it is sent as the new password, so nothing changes)" }));
  }

  await step("connector.testConnection (login, listtypes, describe of the enabled modules)", () => connector.testConnection(), (r) =>
    r.ok ? { ok: true, user: r.user, moduleCount: r.modules.length, hasContacts: r.modules.some((m) => m.name === "Contacts"), warnings: r.warnings } : { ok: false, error: describeError(r.error) },
  );
  await step("connector.users.listUsers({ roleId: 'H2', activeOnly: true }) (role filtered locally)", () => connector.users.listUsers({ roleId: "H2", activeOnly: true }));
  await step("session ended on the server (raw logout), then a query: INVALID_SESSIONID, the client logs in again", async () => {
    const raw = client as unknown as { call: (op: string, p: Record<string, string>, m: string) => Promise<unknown> };
    await raw.call("logout", {}, "POST");
    const before = client.stats.relogins;
    const rows = await client.query("SELECT lastname FROM Contacts LIMIT 1;");
    sessions.push((await client.getSession()).sessionName);
    return { rows: rows.length, relogins: client.stats.relogins - before };
  });

  await step("logout", () => client.logout());
  console.log(JSON.stringify({ done: true, target: useFake ? `fake (stockInstall ${process.env.VTIGER_FAKE_STOCK !== "0"})` : "live", failedSteps: failures, calls: client.stats.byOperation }));
} finally {
  await closeFake?.();
}
