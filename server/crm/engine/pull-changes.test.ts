import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { saveFieldMapping } from "../connections/field-mappings";
import { addCustomerNote } from "@/server/customers/add-customer-activity";
import { createCustomer, updateCustomer } from "@/server/customers/save-customer";
import { contactsOf, startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { pullConnection } from "./pull-changes";
import { resolveSyncConflict } from "./resolve-conflict";

let kit: CrmKit;
const start = Date.UTC(2026, 0, 5, 9, 0, 0);
beforeAll(async () => {
  kit = await startCrmKit({
    fake: {
      records: Array.from({ length: 250 }, (_, i) => ({
        module: "Contacts",
        fields: { firstname: `Remote${i}`, lastname: "Person", email: `remote${i}@crm.test`, mailingcity: "Perth" },
        // Three records per second: pages of 100 end on a second boundary.
        modifiedTime: new Date(start + Math.floor(i / 3) * 1000),
      })),
    },
  });
});
afterAll(async () => {
  await kit.close();
});

const linkOf = (entityId: string) =>
  db.syncLink.findUniqueOrThrow({
    where: { connectionId_entity_entityId: { connectionId: kit.connection.id, entity: "customer", entityId } },
  });
const pull = (opts: Parameters<typeof pullConnection>[2] = {}) => pullConnection(db, kit.connection.id, { trigger: "manual", ...opts });

describe("pulls", () => {
  it("imports remote contacts page by page and resumes from the stored cursor", async () => {
    const first = await pull({ maxPages: 1 });
    // A page ends on a whole second: 100 records reach into second 33, whose other two come along.
    expect(first).toMatchObject({ pages: 1, created: 102 });
    const cursor = await db.syncCursor.findUniqueOrThrow({ where: { connectionId_module: { connectionId: kit.connection.id, module: "Contacts" } } });
    expect(Number(cursor.cursor)).toBeGreaterThan(start / 1000);
    expect(cursor.lastSuccessAt).toBeNull();

    const syncCallsBefore = kit.fake.calls.filter((c) => c.operation === "sync").length;
    const second = await pull();
    expect(second.created).toBe(148);
    // It went on from the cursor: two more pages, not three.
    expect(kit.fake.calls.filter((c) => c.operation === "sync").length - syncCallsBefore).toBe(2);
    expect(await db.customer.count({ where: { email: { endsWith: "@crm.test" } } })).toBe(250);
    const one = await db.customer.findFirstOrThrow({ where: { email: "remote7@crm.test" } });
    expect(one).toMatchObject({ kind: "person", name: "Remote7 Person", city: "Perth" });
    expect((await linkOf(one.id)).status).toBe("SYNCED");
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: second.runId } })).status).toBe("SUCCEEDED");
    // 250 records imported one by one: give a busy machine room (about 15 s on a loaded 2-core box).
  }, 90_000);

  it("treats records seen again (cursor overlap) as unchanged and writes nothing", async () => {
    const before = await db.customer.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    const again = await pull();
    expect(again.created + again.updated + again.conflicts).toBe(0);
    expect(await db.customer.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.syncQueueItem.count({ where: { status: "PENDING" } })).toBe(0);
  });

  it("applies a change made in the CRM and records a deletion without deleting here", async () => {
    const a = await db.customer.findFirstOrThrow({ where: { email: "remote1@crm.test" } });
    const b = await db.customer.findFirstOrThrow({ where: { email: "remote2@crm.test" } });
    kit.fake.clock.advance(5_000);
    kit.fake.records.edit((await linkOf(a.id)).externalId!, { phone: "+61 8 5555", mailingcity: "Fremantle" });
    kit.fake.records.remove((await linkOf(b.id)).externalId!);
    const r = await pull();
    expect(r).toMatchObject({ updated: 1, deleted: 1, created: 0 });
    expect(await db.customer.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ phone: "+61 8 5555", city: "Fremantle" });
    expect(await linkOf(b.id)).toMatchObject({ status: "REMOTE_DELETED", lastError: "Deleted in the CRM" });
    expect(await db.customer.count({ where: { id: b.id } })).toBe(1);
    // Nothing to push back: the change came from there.
    expect(await db.syncQueueItem.count({ where: { entityId: a.id, connectionId: kit.connection.id } })).toBe(0);
  });

  it("does not see its own pushes as remote changes", async () => {
    const c = await createCustomer(db, { name: "Echo Test", email: "echo@example.test", phone: "1" });
    await kit.drain();
    kit.fake.clock.advance(2_000);
    const r = await pull();
    expect(r.created).toBe(0);
    expect(r.updated).toBe(0);
    expect(await db.customer.count({ where: { email: "echo@example.test" } })).toBe(1);
    expect((await linkOf(c.id)).status).toBe("SYNCED");
  });

  it("our own note moves the contact's modifiedtime (as on Vtiger 8.4) but comes back unchanged, never as a change or conflict", async () => {
    const c = await createCustomer(db, { name: "Noted Person", email: "noted@example.test", phone: "7" });
    await kit.drain();
    const before = await pull();
    kit.fake.clock.advance(2_000);
    await addCustomerNote(db, c.id, "Called about the invoice");
    await kit.drain();
    const externalId = (await linkOf(c.id)).externalId!;
    expect(kit.fake.records.get(externalId)!.modifiedMs).toBeGreaterThan(Date.parse(`${kit.fake.records.get(externalId)!.fields.createdtime!.replace(" ", "T")}Z`));
    const r = await pull();
    expect([r.created, r.updated, r.conflicts]).toEqual([0, 0, 0]);
    expect(r.unchanged).toBeGreaterThanOrEqual(1);
    expect(before.conflicts).toBe(0);
    expect(await db.syncConflict.count({ where: { entityId: c.id } })).toBe(0);
  });

  it("adopts a record this side created but never heard back about, instead of importing a duplicate", async () => {
    const c = await createCustomer(db, { name: "Half Linked", email: "half@example.test", phone: "1" });
    await kit.drain();
    // As if the create's answer had been lost for good: the link has no remote id.
    await db.syncLink.update({ where: { id: (await linkOf(c.id)).id }, data: { externalId: null, status: "FAILED" } });
    kit.fake.clock.advance(2_000);
    kit.fake.records.edit(contactsOf(kit.fake, c.id)[0]!.id, { mailingcity: "Darwin" });
    const r = await pull();
    expect(r.created).toBe(0);
    expect(await db.customer.count({ where: { email: "half@example.test" } })).toBe(1);
    expect((await linkOf(c.id)).externalId).toBe(contactsOf(kit.fake, c.id)[0]!.id);
  });
});

describe("conflicts", () => {
  async function linkedCustomer(name: string) {
    const c = await createCustomer(db, {
      name,
      email: `${name.toLowerCase().replace(/\W/g, "")}@example.test`,
      phone: "100",
      city: "Hobart",
      taxId: "T-1",
    });
    await kit.drain();
    return { customer: c, externalId: (await linkOf(c.id)).externalId! };
  }
  const remoteFields = (externalId: string) => kit.fake.records.get(externalId)!.fields;

  it("settles each field by its owner rule: the CRM owns the address, Switchboard the e-mail", async () => {
    const { customer, externalId } = await linkedCustomer("Owner Rules");
    // Both sides change the city and the e-mail.
    await db.customer.update({ where: { id: customer.id }, data: { city: "Launceston", email: "local@example.test" } });
    await db.syncLink.update({ where: { id: (await linkOf(customer.id)).id }, data: { localChangedAt: new Date() } });
    kit.fake.clock.advance(3_000);
    kit.fake.records.edit(externalId, { mailingcity: "Devonport", email: "remote@example.test" });
    const r = await pull();
    expect(r.conflicts).toBe(0);
    const local = await db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(local.city).toBe("Devonport"); // remote_wins
    expect(local.email).toBe("local@example.test"); // local_wins: kept here and queued for the CRM
    await kit.drain();
    expect(remoteFields(externalId)).toMatchObject({ email: "local@example.test", mailingcity: "Devonport" });
    const stamps = (await linkOf(customer.id)).fieldStamps as Record<string, { side: string }>;
    expect(stamps["address.city"]?.side).toBe("remote");
    expect(stamps.email?.side).toBe("local");
  });

  it("lets the newest change win where neither side owns the field", async () => {
    const { customer, externalId } = await linkedCustomer("Newest Wins");
    const l = await linkOf(customer.id);
    // Local edit an hour ago, CRM edit now: the CRM's is newer.
    await db.customer.update({ where: { id: customer.id }, data: { phone: "200" } });
    await db.syncLink.update({ where: { id: l.id }, data: { localChangedAt: new Date(Date.now() - 3_600_000) } });
    kit.fake.clock.advance(2_000);
    kit.fake.records.edit(externalId, { phone: "300" });
    await pull();
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).phone).toBe("300");

    // Now the local edit is the newer one.
    await db.customer.update({ where: { id: customer.id }, data: { phone: "400" } });
    await db.syncLink.update({ where: { id: l.id }, data: { localChangedAt: new Date(Date.now() + 3_600_000) } });
    kit.fake.clock.advance(2_000);
    kit.fake.records.edit(externalId, { phone: "500" });
    await pull();
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).phone).toBe("400");
    await kit.drain();
    expect(remoteFields(externalId).phone).toBe("400");
  });

  it("records a manual field's conflict with both versions and lets a person settle it field by field", async () => {
    await saveFieldMapping(db, {
      connectionId: kit.connection.id,
      entity: "customer",
      module: "Contacts",
      localPath: "taxId",
      remoteField: "cf_tax_id",
      ownerRule: "manual",
    });
    await saveFieldMapping(db, {
      connectionId: kit.connection.id,
      entity: "customer",
      module: "Contacts",
      localPath: "phone",
      remoteField: "phone",
      ownerRule: "manual",
    });
    const { customer, externalId } = await linkedCustomer("Manual Field");
    await updateCustomer(db, customer.id, { name: "Manual Field", email: "manualfield@example.test", phone: "111", city: "Hobart", taxId: "T-LOCAL" });
    kit.fake.clock.advance(2_000);
    kit.fake.records.edit(externalId, { cf_tax_id: "T-REMOTE", phone: "222" });

    const r = await pull();
    expect(r.conflicts).toBe(1);
    const conflicts = await db.syncConflict.findMany({ where: { entityId: customer.id, status: "OPEN" }, orderBy: { field: "asc" } });
    expect(conflicts.map((c) => [c.field, c.localValue, c.remoteValue, c.baseValue])).toEqual([
      ["phone", "111", "222", "100"],
      ["taxId", "T-LOCAL", "T-REMOTE", "T-1"],
    ]);
    expect(conflicts[0]!.localVersion).toMatchObject({ email: "manualfield@example.test", phone: "111" });
    expect(conflicts[0]!.remoteVersion).toMatchObject({ phone: "222", taxId: "T-REMOTE" });
    // Neither side was overwritten, even by the waiting local push.
    await kit.drain();
    expect(remoteFields(externalId)).toMatchObject({ cf_tax_id: "T-REMOTE", phone: "222" });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ taxId: "T-LOCAL", phone: "111" });
    expect(await db.syncConflict.count({ where: { entityId: customer.id, status: "OPEN" } })).toBe(2);

    const user = await db.user.create({ data: { email: "resolver@example.test" } });
    await resolveSyncConflict(db, { conflictId: conflicts[1]!.id, choice: "remote", userId: user.id });
    await resolveSyncConflict(db, { conflictId: conflicts[0]!.id, choice: "merge", mergedValue: "333", userId: user.id });
    await kit.drain();
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ taxId: "T-REMOTE", phone: "333" });
    expect(remoteFields(externalId)).toMatchObject({ cf_tax_id: "T-REMOTE", phone: "333" });
    expect(await db.syncConflict.count({ where: { entityId: customer.id, status: "OPEN" } })).toBe(0);
    await expect(resolveSyncConflict(db, { conflictId: conflicts[0]!.id, choice: "local", userId: user.id })).rejects.toThrow(/already resolved/);

    // The same edit on both sides is no conflict.
    await updateCustomer(db, customer.id, { name: "Manual Field", email: "manualfield@example.test", phone: "444", city: "Hobart", taxId: "T-REMOTE" });
    kit.fake.clock.advance(2_000);
    kit.fake.records.edit(externalId, { phone: "444" });
    expect((await pull()).conflicts).toBe(0);
  });
});
