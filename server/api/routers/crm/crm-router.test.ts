import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeVtiger, type FakeVtigerHandle } from "@/e2e/fakes/vtiger/fake-vtiger-server";
import { db } from "@/server/db";
import { setSyncDispatcherForTests } from "@/server/crm/engine/dispatch";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { trpcError } from "@/server/testing/trpc-error";

let fake: FakeVtigerHandle;
beforeAll(async () => {
  fake = await startFakeVtiger();
  setSyncDispatcherForTests({ push: async () => undefined, pull: async () => undefined });
  process.env.CRM_ALLOW_LOOPBACK = "true";
});
afterAll(async () => {
  setSyncDispatcherForTests(null);
  delete process.env.CRM_ALLOW_LOOPBACK;
  await fake.close();
});

const ACCESS_KEY = "fake-access-key";
const input = () => ({
  name: "Router Vtiger",
  baseUrl: fake.url,
  username: "admin",
  accessKey: ACCESS_KEY,
  modules: { Contacts: { fields: ["firstname", "lastname", "email", "phone", "cf_tax_id"], externalKeyField: "cf_switchboard_id" } },
});


describe("crm routers", () => {
  it("lets only provider admins manage connections, and never returns the access key", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const agent = callerFor(await createTestUser("AGENT"));
    const client = callerFor(await createTestUser("CLIENT_ADMIN"));
    expect((await trpcError(agent.crm.connections.create(input()))).code).toBe("FORBIDDEN");
    expect((await trpcError(client.crm.connections.list())).code).toBe("FORBIDDEN");

    const created = await admin.crm.connections.create(input());
    const everything = JSON.stringify([created, await admin.crm.connections.list(), await agent.crm.connections.get({ id: created.id })]);
    expect(everything).not.toContain(ACCESS_KEY);
    expect(everything).not.toContain("secretCiphertext");
    expect(created.hasAccessKey).toBe(true);
    const stored = await db.crmConnection.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretCiphertext).not.toContain(ACCESS_KEY);

    const tested = await admin.crm.connections.test({ connectionId: created.id });
    expect(tested).toMatchObject({ ok: true, userName: "admin" });
    const wrong = await admin.crm.connections.test({ baseUrl: fake.url, username: "admin", accessKey: "not-the-key" });
    expect(wrong).toMatchObject({ ok: false, kind: "auth" });
  });

  it("a partial update changes only what it names: schedules and pull interval keep their values", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const created = await admin.crm.connections.create({
      ...input(),
      name: "Partial Update",
      pullIntervalMinutes: 45,
      paymentSummaryWeekday: 2,
      paymentSummaryHour: 17,
      taskAssignMode: "each",
    });
    const renamed = await admin.crm.connections.update({ id: created.id, data: { name: "Renamed" } });
    expect(renamed).toMatchObject({ name: "Renamed", pullIntervalMinutes: 45, paymentSummaryWeekday: 2, paymentSummaryHour: 17, taskAssignMode: "each" });
  });

  it("refuses private and metadata base URLs, and loopback unless allowed, as a field error", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const err = await trpcError(admin.crm.connections.create({ ...input(), baseUrl: "http://169.254.169.254/vtiger" }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/base URL cannot be used/);
    expect((await trpcError(admin.crm.connections.create({ ...input(), baseUrl: "http://10.1.2.3" }))).code).toBe("BAD_REQUEST");
    process.env.CRM_ALLOW_LOOPBACK = "false";
    try {
      expect((await trpcError(admin.crm.connections.create(input()))).message).toMatch(/loopback|not allowed/i);
    } finally {
      process.env.CRM_ALLOW_LOOPBACK = "true";
    }
  });

  it("validates custom mappings against the module's describe result", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const conn = await admin.crm.connections.create(input());
    const base = { connectionId: conn.id, entity: "customer" as const, module: "Contacts" };
    expect((await trpcError(admin.crm.connections.saveMapping({ ...base, localPath: "taxId", remoteField: "cf_nope" }))).message).toMatch(/no field cf_nope/);
    expect(
      (await trpcError(admin.crm.connections.saveMapping({ ...base, localPath: "taxId", remoteField: "cf_weekly_payment_total", fieldType: "TEXT" }))).message,
    ).toMatch(/double field/);
    expect((await trpcError(admin.crm.connections.saveMapping({ ...base, localPath: "taxId", remoteField: "cf_switchboard_id" }))).message).toMatch(
      /holds Switchboard's id/,
    );
    const saved = await admin.crm.connections.saveMapping({ ...base, localPath: "address.line2", remoteField: "description", ownerRule: "manual" });
    expect(saved.ownerRule).toBe("manual");
    // Choosing a field the connection did not enable yet enables it.
    expect((await db.crmConnection.findUniqueOrThrow({ where: { id: conn.id } })).modules).toMatchObject({ Contacts: { fields: expect.arrayContaining(["description"]) } });
    const view = await admin.crm.connections.mappings({ connectionId: conn.id, entity: "customer" });
    expect(view.mappings.find((m) => m.remoteField === "description")).toMatchObject({ source: "custom", enabled: true, ownerRule: "manual" });
  });
});
