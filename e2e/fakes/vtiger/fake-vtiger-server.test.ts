import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeVtiger, type FakeVtigerHandle } from "./fake-vtiger-server";

let fake: FakeVtigerHandle | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

// The tests read into answers freely; the protocol itself is checked by the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Envelope = { success: boolean; result?: any; error?: { code: string; message: string } };

async function ws(f: FakeVtigerHandle, method: "GET" | "POST", params: Record<string, string>): Promise<{ status: number; body: Envelope | string; headers: Headers }> {
  const q = new URLSearchParams(params);
  const res =
    method === "GET" ? await fetch(`${f.webserviceUrl}?${q}`) : await fetch(f.webserviceUrl, { method: "POST", body: q });
  const text = await res.text();
  let body: Envelope | string = text;
  try {
    body = JSON.parse(text) as Envelope;
  } catch {
    /* HTML error page */
  }
  return { status: res.status, body, headers: res.headers };
}

async function login(f: FakeVtigerHandle): Promise<string> {
  const ch = (await ws(f, "GET", { operation: "getchallenge", username: "admin" })).body as Envelope;
  const key = crypto.createHash("md5").update(ch.result.token + "fake-access-key").digest("hex");
  const r = (await ws(f, "POST", { operation: "login", username: "admin", accessKey: key })).body as Envelope;
  return r.result.sessionName as string;
}

describe("fake Vtiger protocol", () => {
  it("sends rate-limit headers on every answer", async () => {
    fake = await startFakeVtiger({ rateLimit: { perMinute: 60 } });
    const r = await ws(fake, "GET", { operation: "getchallenge", username: "admin" });
    expect(r.headers.get("x-floodcontrol-limit")).toBe("60");
    expect(r.headers.get("x-floodcontrol-remaining")).toBe("59");
    expect(Number(r.headers.get("x-floodcontrol-reset"))).toBeGreaterThan(Date.now() / 1000);
    expect(r.headers.get("x-ratelimit-remaining")).not.toBeNull();
  });

  it("refuses a challenge token older than five minutes", async () => {
    fake = await startFakeVtiger();
    const ch = (await ws(fake, "GET", { operation: "getchallenge", username: "admin" })).body as Envelope;
    fake.clock.advance(301_000);
    const key = crypto.createHash("md5").update(ch.result.token + "fake-access-key").digest("hex");
    const r = (await ws(fake, "POST", { operation: "login", username: "admin", accessKey: key })).body as Envelope;
    expect(r.error?.code).toBe("INVALID_AUTH_TOKEN");
  });

  it("requires a session and the right HTTP method", async () => {
    fake = await startFakeVtiger();
    expect(((await ws(fake, "GET", { operation: "listtypes" })).body as Envelope).error?.code).toBe("AUTHENTICATION_REQUIRED");
    const s = await login(fake);
    expect(((await ws(fake, "POST", { operation: "listtypes", sessionName: s })).body as Envelope).error?.code).toBe("ACCESS_DENIED");
    // Vtiger 8.4: an unknown operation is HTTP 500 with an empty body (recorded 46).
    const unknown = await ws(fake, "GET", { operation: "nonsense", sessionName: s });
    expect([unknown.status, unknown.body]).toEqual([500, ""]);
  });

  it("returns every record of a second in one sync page even past 100", async () => {
    const at = new Date(Date.UTC(2026, 0, 1));
    fake = await startFakeVtiger({
      records: Array.from({ length: 130 }, (_, i) => ({ module: "Contacts", fields: { lastname: `L${i}` }, modifiedTime: at })),
    });
    const s = await login(fake);
    const r = (await ws(fake, "GET", { operation: "sync", sessionName: s, elementType: "Contacts", modifiedTime: "1", syncType: "application" })).body as Envelope;
    expect(r.result.updated).toHaveLength(130);
    expect(r.result.more).toBe(false);
    expect(r.result.lastModifiedTime).toBe(at.getTime() / 1000);
  });

  it("ignores Users in sync, like Vtiger", async () => {
    fake = await startFakeVtiger();
    const s = await login(fake);
    const r = (await ws(fake, "GET", { operation: "sync", sessionName: s, elementType: "Users", modifiedTime: "5" })).body as Envelope;
    expect(r.result).toEqual({ updated: [], deleted: [], lastModifiedTime: "5", more: false });
  });

  it("a comment moves its contact's modifiedtime to its own, as Vtiger 8.4 does (recorded 67 → 69)", async () => {
    fake = await startFakeVtiger();
    const contact = fake.records.seed({ module: "Contacts", fields: { lastname: "Parent" }, modifiedTime: new Date(Date.UTC(2026, 0, 1)) });
    const s = await login(fake);
    const element = JSON.stringify({ commentcontent: "hi", related_to: contact.id, assigned_user_id: fake.adminUserId });
    const r = (await ws(fake, "POST", { operation: "create", sessionName: s, elementType: "ModComments", element })).body as Envelope;
    expect(fake.records.get(contact.id)!.fields.modifiedtime).toBe(r.result.modifiedtime);
  });

  it("behaves like a stock 8.4.0 install when asked, until the admin's fixes are applied", async () => {
    fake = await startFakeVtiger({ stockInstall: true });
    const s = await login(fake);
    const sync = await ws(fake, "GET", { operation: "sync", sessionName: s, elementType: "Contacts", modifiedTime: "1" });
    expect([sync.status, sync.body]).toEqual([500, ""]);
    fake.setStockInstall(false);
    expect((await ws(fake, "GET", { operation: "sync", sessionName: s, elementType: "Contacts", modifiedTime: "1" })).status).toBe(200);
  });

  it("update empties fields left out; revise keeps them", async () => {
    fake = await startFakeVtiger();
    const s = await login(fake);
    const c = (await ws(fake, "POST", {
      operation: "create",
      sessionName: s,
      elementType: "Contacts",
      element: JSON.stringify({ lastname: "A", phone: "1", assigned_user_id: fake.adminUserId }),
    })).body as Envelope;
    await ws(fake, "POST", { operation: "revise", sessionName: s, element: JSON.stringify({ id: c.result.id, firstname: "F" }) });
    expect(fake.records.get(c.result.id)!.fields).toMatchObject({ phone: "1", firstname: "F" });
    await ws(fake, "POST", {
      operation: "update",
      sessionName: s,
      element: JSON.stringify({ id: c.result.id, lastname: "A", assigned_user_id: fake.adminUserId }),
    });
    expect(fake.records.get(c.result.id)!.fields).toMatchObject({ phone: "", firstname: "" });
  });
});

describe("control API", () => {
  it("breaks and fixes the server over HTTP and lists records", async () => {
    fake = await startFakeVtiger();
    const post = (path: string, body: unknown) =>
      fetch(`${fake!.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect((await post("/__control/fault", { type: "http_500" })).status).toBe(200);
    expect((await ws(fake, "GET", { operation: "getchallenge", username: "admin" })).status).toBe(500);
    expect((await post("/__control/reset", {})).status).toBe(200);
    expect((await ws(fake, "GET", { operation: "getchallenge", username: "admin" })).status).toBe(200);
    expect((await post("/__control/fault", { type: "bogus" })).status).toBe(400);

    fake.records.seed({ module: "Contacts", fields: { lastname: "Listed" } });
    const listed = (await (await fetch(`${fake.url}/__control/records?module=Contacts`)).json()) as { records: { lastname: string }[] };
    expect(listed.records.map((r) => r.lastname)).toEqual(["Listed"]);

    await post("/__control/reset", { data: true });
    const after = (await (await fetch(`${fake.url}/__control/records?module=Contacts`)).json()) as { records: unknown[] };
    expect(after.records).toEqual([]);
  });
});

describe("record page", () => {
  it("shows a record at the link the connector builds, and 404 for an unknown one", async () => {
    fake = await startFakeVtiger({ records: [{ module: "Contacts", fields: { firstname: "Ada", lastname: "Lovelace", email: "ada@example.test" } }] });
    const rec = fake.records.list("Contacts")[0]!;
    const page = await fetch(`${fake.url}/index.php?module=Contacts&view=Detail&record=${rec.crmid}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Contacts: Ada Lovelace</h1>");
    expect(html).toContain("ada@example.test");
    expect((await fetch(`${fake.url}/index.php?module=Contacts&view=Detail&record=999999`)).status).toBe(404);
  });
});
