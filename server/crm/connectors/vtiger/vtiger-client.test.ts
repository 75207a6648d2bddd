import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeVtiger, type FakeVtigerHandle, type FakeVtigerOptions } from "@/e2e/fakes/vtiger/fake-vtiger-server";
import { ConnectorError } from "../../connector";
import { VtigerClient, isMissingRecord, type VtigerClientOptions } from "./vtiger-client";
import { vtqlString } from "./vtql";

let fake: FakeVtigerHandle | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOpts: FakeVtigerOptions = {}, clientOpts: Partial<VtigerClientOptions> = {}) {
  fake = await startFakeVtiger(fakeOpts);
  const f = fake;
  const waits: number[] = [];
  const client = new VtigerClient({
    baseUrl: f.url,
    username: "admin",
    accessKey: "fake-access-key",
    backoff: { baseMs: 1, maxMs: 5 },
    random: () => 0.5,
    now: f.clock.now,
    // The injected sleep moves the fake's clock instead of waiting.
    sleep: async (ms) => {
      waits.push(ms);
      f.clock.advance(ms);
    },
    ...clientOpts,
  });
  return { fake: f, client, waits };
}

async function expectConnectorError(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error("expected a ConnectorError");
}

function seedContacts(f: FakeVtigerHandle, n: number, start = Date.UTC(2026, 0, 1)) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      f.records.seed({
        module: "Contacts",
        fields: { lastname: `Person ${String(i).padStart(3, "0")}`, email: `p${i}@example.test` },
        modifiedTime: new Date(start + i * 1000),
      }).id,
    );
  }
  return ids;
}

const ops = (f: FakeVtigerHandle, op: string) => f.calls.filter((c) => c.operation === op);

describe("login handshake", () => {
  it("answers the challenge with md5(token + accessKey), never the key itself", async () => {
    const bodies: string[] = [];
    const { fake: f, client } = await setup({}, {
      fetch: async (input, init) => {
        if (typeof init?.body === "string") bodies.push(init.body);
        return fetch(input, init);
      },
    });
    const session = await client.getSession();
    expect(session.userId).toBe(f.adminUserId);
    expect(f.calls.map((c) => c.operation)).toEqual(["getchallenge", "login"]);
    const login = new URLSearchParams(bodies[0]);
    expect(login.get("operation")).toBe("login");
    expect(login.get("accessKey")).toMatch(/^[0-9a-f]{32}$/);
    expect(bodies.join("\n")).not.toContain("fake-access-key");
    // The session works for a real operation.
    const types = await client.listTypes();
    expect(types.types).toEqual(expect.arrayContaining(["Contacts", "Accounts", "Calendar", "ModComments", "Users"]));
  });

  it("is refused with a wrong access key: auth error, not retried", async () => {
    const { fake: f, client } = await setup({}, { accessKey: "wrong-key" });
    const e = await expectConnectorError(client.listTypes());
    expect(e.kind).toBe("auth");
    expect(e.remoteCode).toBe("INVALID_USER_CREDENTIALS");
    expect(e.retryable).toBe(false);
    expect(ops(f, "login")).toHaveLength(1);
  });

  it("fetches a new challenge once when the token expired before login", async () => {
    let first = true;
    const { fake: f, client } = await setup({}, {
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (first && String(input).includes("getchallenge")) {
          first = false;
          f.clock.advance(301_000); // the token dies on the way
        }
        return res;
      },
    });
    await client.getSession();
    expect(f.calls.map((c) => [c.operation, c.errorCode])).toEqual([
      ["getchallenge", undefined],
      ["login", "INVALID_AUTH_TOKEN"],
      ["getchallenge", undefined],
      ["login", undefined],
    ]);
  });

  it("computes the same hash the server checks", async () => {
    const { fake: f } = await setup();
    const token = ((await (await fetch(`${f.webserviceUrl}?operation=getchallenge&username=admin`)).json()) as { result: { token: string } })
      .result.token;
    const good = crypto.createHash("md5").update(token + "fake-access-key").digest("hex");
    const answer = async (accessKey: string) =>
      (await (
        await fetch(f.webserviceUrl, { method: "POST", body: new URLSearchParams({ operation: "login", username: "admin", accessKey }) })
      ).json()) as { success: boolean };
    expect((await answer("fake-access-key")).success).toBe(false);
    expect((await answer(good)).success).toBe(true);
  });
});

describe("session renewal", () => {
  it("logs in again once when the session was ended, and repeats the call", async () => {
    const { fake: f, client } = await setup();
    await client.query("SELECT * FROM Contacts");
    f.setFault({ type: "expire_session" });
    const rows = await client.query("SELECT * FROM Contacts");
    expect(rows).toEqual([]);
    expect(client.stats.relogins).toBe(1);
    expect(ops(f, "login")).toHaveLength(2);
    expect(ops(f, "query").map((c) => c.errorCode)).toEqual([undefined, "INVALID_SESSIONID", undefined]);
  });

  it("renews a session Vtiger dropped for idleness (8.4 says INVALID_SESSIONID, recorded 95)", async () => {
    const { fake: f, client } = await setup();
    await client.listTypes();
    f.clock.advance(31 * 60_000);
    await client.listTypes();
    expect(ops(f, "listtypes").map((c) => c.errorCode)).toEqual([undefined, "INVALID_SESSIONID", undefined]);
    expect(client.stats.relogins).toBe(1);
  });

  it("gives up with an auth error when logging in again is refused", async () => {
    const { fake: f, client } = await setup();
    await client.listTypes();
    f.setFault({ type: "invalid_credentials" });
    const e = await expectConnectorError(client.listTypes());
    expect(e.kind).toBe("auth");
    expect(e.remoteCode).toBe("INVALID_USER_CREDENTIALS");
    expect(ops(f, "login")).toHaveLength(2);
  });
});

describe("pagination and batch reads", () => {
  it("queryAll pages 250 records with LIMIT offset,100 in three calls", async () => {
    const { fake: f, client } = await setup();
    seedContacts(f, 250);
    const rows = await client.queryAll("SELECT * FROM Contacts ORDER BY lastname;");
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.id)).size).toBe(250);
    expect(rows[0]!.lastname).toBe("Person 000");
    expect(rows[249]!.lastname).toBe("Person 249");
    expect(client.stats.byOperation.query).toBe(3);
  });

  it("a single query never returns more than 100 rows, whatever LIMIT says", async () => {
    const { fake: f, client } = await setup();
    seedContacts(f, 150);
    expect(await client.query("SELECT id FROM Contacts LIMIT 0, 500")).toHaveLength(100);
  });

  it("sync follows `more` over 250 changes: three pages, then reports deletions", async () => {
    const { fake: f, client } = await setup();
    const ids = seedContacts(f, 250);
    const first = await client.sync("Contacts", 0);
    expect(first.updated).toHaveLength(250);
    expect(first.pages).toBe(3);
    expect(ops(f, "sync")).toHaveLength(3);
    expect(first.lastModifiedTime).toBe(Math.floor(Date.UTC(2026, 0, 1) / 1000) + 249);

    f.records.remove(ids[7]!);
    f.records.edit(ids[8]!, { email: "changed@example.test" });
    const second = await client.sync("Contacts", first.lastModifiedTime);
    expect(second.deleted).toEqual([ids[7]]);
    expect(second.updated.map((r) => [r.id, r.email])).toEqual([[ids[8], "changed@example.test"]]);
  });

  it("8.4 has no MassRetrieve (empty HTTP 500): tried once, remembered, records read by retrieve, missing ids absent", async () => {
    const { fake: f, client } = await setup();
    const ids = seedContacts(f, 5);
    f.records.remove(ids[4]!);
    const got = await client.retrieveMany([...ids, "12x999999"]);
    expect([...got.keys()].sort()).toEqual(ids.slice(0, 4).sort());
    expect(ops(f, "massretrieve").map((c) => c.httpStatus)).toEqual([500]);
    // Not retried as a transient read, and not asked again on the next batch.
    await client.retrieveMany(ids.slice(0, 2));
    expect(ops(f, "massretrieve")).toHaveLength(1);
    expect(ops(f, "retrieve")).toHaveLength(6 + 2);
  });

  it("an empty 500 on retrieve too is an outage, not a missing operation: transient, and MassRetrieve is asked again later", async () => {
    const { fake: f, client } = await setup();
    const ids = seedContacts(f, 2);
    f.setFault({ type: "http_500", operations: ["retrieve"] });
    const e = await expectConnectorError(client.retrieveMany(ids));
    expect(e.kind).toBe("transient");
    f.clearFaults();
    await client.retrieveMany(ids);
    expect(ops(f, "massretrieve")).toHaveLength(2);
  });
});

describe("typed errors", () => {
  it("MANDATORY_FIELDS_MISSING → validation naming the field", async () => {
    const { client } = await setup();
    const { userId } = await client.getSession();
    const e = await expectConnectorError(client.create("Contacts", { firstname: "No", assigned_user_id: userId }));
    expect(e.kind).toBe("validation");
    expect(e.fields).toEqual(["lastname"]);
    expect(e.retryable).toBe(false);
  });

  it("a missing record is ACCESS_DENIED on 8.4, told apart from a real refusal; unknown module → config; syntax error → validation", async () => {
    const { client } = await setup();
    const missing = await expectConnectorError(client.retrieve("12x424242"));
    expect([missing.kind, missing.remoteCode, isMissingRecord(missing)]).toEqual(["permission", "ACCESS_DENIED", true]);
    expect(isMissingRecord(await expectConnectorError(client.describe("Roles")))).toBe(false);
    expect((await expectConnectorError(client.describe("Nonsense"))).kind).toBe("config");
    expect((await expectConnectorError(client.query("SELEC * FROM Contacts"))).kind).toBe("validation");
  });

  it("stock changePassword's HTML 'restricted file' page is a config error carrying the admin's fix, never a success", async () => {
    const { fake: f, client } = await setup({ stockInstall: true });
    const e = await expectConnectorError(client.changePassword(f.adminUserId, "N3w-password!"));
    expect([e.kind, e.remoteCode, e.retryable]).toEqual(["config", "RESTRICTED_FILE", false]);
    expect(e.message).toContain("handler_path='include/Webservices/Custom/ChangePassword.php'");
    f.setStockInstall(false);
    await expect(client.changePassword(f.adminUserId, "N3w-password!")).resolves.toEqual({ message: "Changed password successfully" });
  });

  it("quotes values the VTQL way: O'Brien is found with a doubled quote", async () => {
    const { client } = await setup();
    const { userId } = await client.getSession();
    await client.create("Contacts", { lastname: "O'Brien", assigned_user_id: userId });
    const rows = await client.query(`SELECT lastname FROM Contacts WHERE lastname = ${vtqlString("O'Brien")}`);
    expect(rows.map((r) => r.lastname)).toEqual(["O'Brien"]);
  });

  it("HTTP 500 on a read is retried with backoff until it recovers", async () => {
    const { fake: f, client, waits } = await setup();
    await client.getSession();
    f.setFault({ type: "http_500", operations: ["query"], times: 2 });
    expect(await client.query("SELECT * FROM Contacts")).toEqual([]);
    expect(ops(f, "query").map((c) => c.httpStatus)).toEqual([500, 500, 200]);
    expect(client.stats.retries).toBe(2);
    expect(waits).toHaveLength(2);
  });

  it("HTTP 500 that persists → transient after the read retries run out", async () => {
    const { fake: f, client } = await setup({}, { maxReadRetries: 2 });
    await client.getSession();
    f.setFault({ type: "http_500", operations: ["describe"] });
    const e = await expectConnectorError(client.describe("Contacts"));
    expect(e.kind).toBe("transient");
    expect(e.httpStatus).toBe(500);
    expect(ops(f, "describe")).toHaveLength(3);
  });

  it("a create is never retried: one 500 is reported as transient after one call", async () => {
    const { fake: f, client } = await setup();
    const { userId } = await client.getSession();
    f.setFault({ type: "http_500", operations: ["create"], times: 1 });
    const e = await expectConnectorError(client.create("Contacts", { lastname: "Once", assigned_user_id: userId }));
    expect(e.kind).toBe("transient");
    expect(ops(f, "create")).toHaveLength(1);
  });

  it("a hanging server → timeout", async () => {
    const { fake: f, client } = await setup({}, { timeoutMs: 150, maxReadRetries: 0 });
    await client.getSession();
    f.setFault({ type: "timeout", operations: ["retrieve"] });
    const e = await expectConnectorError(client.retrieve("12x100"));
    expect(e.kind).toBe("timeout");
    expect(e.retryable).toBe(true);
  });

  it("a dropped answer to a create → transient, not retried, though the record exists remotely", async () => {
    const { fake: f, client } = await setup();
    const { userId } = await client.getSession();
    f.setFault({ type: "drop_response", operations: ["create"], times: 1 });
    const e = await expectConnectorError(client.create("Contacts", { lastname: "Ghost", assigned_user_id: userId }));
    expect(e.kind).toBe("transient");
    expect(ops(f, "create")).toHaveLength(1);
    expect(f.records.list("Contacts").map((r) => r.fields.lastname)).toEqual(["Ghost"]);
  });

  it("429 that keeps coming → rate_limited with Retry-After, after waiting it out the allowed times", async () => {
    const { fake: f, client, waits } = await setup({}, { maxRateLimitRetries: 2 });
    await client.getSession();
    f.setFault({ type: "rate_limit", retryAfterSeconds: 5, operations: ["query"] });
    const e = await expectConnectorError(client.query("SELECT * FROM Contacts"));
    expect(e.kind).toBe("rate_limited");
    expect(e.retryAfterMs).toBe(5000);
    expect(waits).toEqual([5000, 5000]);
    expect(ops(f, "query")).toHaveLength(3);
  });
});

describe("rate-limit pacing", () => {
  it("waits for the flood-control reset when the headers say nothing is left, without hitting a 429", async () => {
    const { fake: f, client, waits } = await setup({ rateLimit: { perMinute: 4 } });
    for (let i = 0; i < 5; i++) await client.query("SELECT * FROM Contacts");
    // getchallenge + login + 2 queries use the first minute; the pacer waits once, then 3 more fit.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(60_000);
    expect(f.calls.some((c) => c.httpStatus === 429)).toBe(false);
    expect(client.stats.rateLimitWaits).toEqual(waits);
  });

  it("honours X-FloodControl-Remaining: 0 with its reset time", async () => {
    const { fake: f, client, waits } = await setup();
    await client.getSession();
    f.setFault({ type: "exhaust_quota", resetInSeconds: 20, operations: ["listtypes"], times: 1 });
    await client.listTypes();
    expect(waits).toEqual([]);
    await client.listTypes();
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(19_000);
    expect(waits[0]).toBeLessThanOrEqual(21_000);
  });

  it("waits out a 429's Retry-After and then performs the create exactly once", async () => {
    const { fake: f, client, waits } = await setup();
    const { userId } = await client.getSession();
    f.setFault({ type: "rate_limit", retryAfterSeconds: 7, operations: ["create"], times: 1 });
    const rec = await client.create("Contacts", { lastname: "Patient", assigned_user_id: userId });
    expect(rec.id).toMatch(/^12x\d+$/);
    expect(waits).toEqual([7000]);
    expect(ops(f, "create").map((c) => c.httpStatus)).toEqual([429, 200]);
    expect(f.records.list("Contacts")).toHaveLength(1);
  });

  it("does not sleep for hours: a reset beyond maxRateLimitWaitMs throws rate_limited without calling", async () => {
    const { fake: f, client, waits } = await setup({}, { maxRateLimitWaitMs: 60_000 });
    await client.getSession();
    f.setFault({ type: "exhaust_quota", resetInSeconds: 3600, operations: ["listtypes"], times: 1 });
    await client.listTypes();
    const before = f.calls.length;
    const e = await expectConnectorError(client.listTypes());
    expect(e.kind).toBe("rate_limited");
    expect(e.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(f.calls.length).toBe(before);
    expect(waits).toEqual([]);
  });
});

describe("call accounting", () => {
  it("counts every HTTP request, including the handshake and failures", async () => {
    const { fake: f, client } = await setup();
    await client.listTypes();
    await expectConnectorError(client.retrieve("12x5"));
    expect(client.callCount()).toBe(f.calls.length);
    expect(client.stats.byOperation).toEqual({ getchallenge: 1, login: 1, listtypes: 1, retrieve: 1 });
  });

  it("reports each call to onCall without parameters", async () => {
    const events: unknown[] = [];
    const { client } = await setup({}, { onCall: (e) => events.push(e) });
    await client.listTypes();
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain("fake-access-key");
    expect(events[2]).toMatchObject({ operation: "listtypes", method: "GET", ok: true, httpStatus: 200 });
  });
});
