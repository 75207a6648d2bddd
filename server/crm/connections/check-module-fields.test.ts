import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeVtiger, type FakeVtigerHandle } from "@/e2e/fakes/vtiger/fake-vtiger-server";
import { defaultVtigerModules } from "@/server/crm/connectors/vtiger/vtiger-defaults";
import { setSyncDispatcherForTests } from "@/server/crm/engine/dispatch";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { trpcError } from "@/server/testing/trpc-error";

// The fake answers describe with the one recorded from a stock Vtiger 8.4
// (e2e/fakes/vtiger/recorded-8.4/07-describe-contacts.json).
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

const input = (fields: string[], externalKeyField = "cf_switchboard_id") => ({
  name: `Picked ${fields.join(" ")}`,
  baseUrl: fake.url,
  username: "admin",
  accessKey: "fake-access-key",
  modules: { Contacts: { fields, externalKeyField } },
});


describe("connection fields are checked against the CRM's describe", () => {
  it("Test connection lists each enabled module's fields with labels, types and writability", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const outcome = await admin.crm.connections.test({ provider: "vtiger", ...input(["lastname"]) });
    if (!outcome.ok) throw new Error(outcome.message);
    const contacts = outcome.fields.Contacts ?? [];
    expect(contacts.find((f) => f.name === "cf_tax_id")).toMatchObject({ label: expect.any(String), type: "string", editable: true });
    expect(contacts.find((f) => f.name === "modifiedtime")).toMatchObject({ label: "Modified Time", editable: false });
  });

  it("refuses a field the module does not have, a read-only field and a read-only key field, naming each; accepts real ones", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const missing = await trpcError(admin.crm.connections.create(input(["lastname", "cf_customer_ref"])));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(missing.message).toContain('Contacts has no field "cf_customer_ref"');
    const readOnly = await trpcError(admin.crm.connections.create(input(["lastname", "modifiedtime"])));
    expect(readOnly.message).toContain("Contacts.modifiedtime (Modified Time) is read-only");
    const badKey = await trpcError(admin.crm.connections.create(input(["lastname"], "contact_no")));
    expect(badKey.message).toContain("Contacts.contact_no (Contact Id) is read-only");

    // The suggested modules and fields are all real in a stock 8.4.
    await admin.crm.connections.create({ ...input([]), name: "Defaults", modules: defaultVtigerModules() as Record<string, { fields: string[]; externalKeyField?: string }> });
    const created = await admin.crm.connections.create(input(["lastname", "email", "cf_tax_id"]));
    expect(created.modules.Contacts).toMatchObject({ fields: ["lastname", "email", "cf_tax_id"], externalKeyField: "cf_switchboard_id" });

    // Adding a field on edit is checked too; an edit that adds none never asks the CRM.
    const edit = await trpcError(admin.crm.connections.update({ id: created.id, data: { modules: { Contacts: { fields: ["lastname", "nope_field"], externalKeyField: "cf_switchboard_id" } } } }));
    expect(edit.message).toContain('no field "nope_field"');
    fake.setFault({ type: "http_500" });
    try {
      const saved = await admin.crm.connections.update({ id: created.id, data: { pullIntervalMinutes: 30, modules: { Contacts: { fields: ["lastname"], externalKeyField: "cf_switchboard_id" } } } });
      expect(saved.pullIntervalMinutes).toBe(30);
      const down = await trpcError(admin.crm.connections.update({ id: created.id, data: { modules: { Contacts: { fields: ["lastname", "phone"], externalKeyField: "cf_switchboard_id" } } } }));
      expect(down.message).toContain("Could not read Contacts's fields from the CRM");
    } finally {
      fake.clearFaults();
    }
  });
});
