/**
 * Ascora customers over HTTP against the fake Ascora: CompanyName both ways
 * (A14), deletions seen by a pull (A15) and handled as for Vtiger, and a
 * field edited on both sides becoming a conflict a person settles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer, updateCustomer } from "@/server/customers/save-customer";
import { saveFieldMapping } from "../../connections/field-mappings";
import { listOpenConflicts } from "../../dashboard/sync-dashboard";
import { pullConnection } from "../../engine/pull-changes";
import { resolveSyncConflict } from "../../engine/resolve-conflict";
import { startAscoraKit, type AscoraKit } from "../../testing/ascora-test-kit";

let ascora: AscoraKit;
beforeAll(async () => {
  ascora = await startAscoraKit();
});
afterAll(async () => {
  await ascora.close();
});

const pull = () => pullConnection(db, ascora.connection.id, { trigger: "manual" });
const linkOfRemote = (externalId: string) => db.syncLink.findFirstOrThrow({ where: { connectionId: ascora.connection.id, externalId } });
const linkOfLocal = (entityId: string) =>
  db.syncLink.findUniqueOrThrow({ where: { connectionId_entity_entityId: { connectionId: ascora.connection.id, entity: "customer", entityId } } });
const remoteOf = (localId: string) => [...ascora.fake.state.customers.values()].filter((c) => c.ExternalReference === localId);
const pendingPushes = (entityId: string) => db.syncQueueItem.count({ where: { connectionId: ascora.connection.id, entityId, status: "PENDING" } });

/** A later moment in Ascora, so its edits are newer than the last pull's cursor. */
const later = () => ascora.fake.state.advance(2_000);

describe("CompanyName", () => {
  it("a commercial customer without a contact person arrives as a company named by CompanyName, and follows its renames", async () => {
    const seeded = ascora.fake.state.seedCustomer({ CompanyName: "Harbour Plumbing", Email: "office@harbour.test" });
    await pull();
    const link = await linkOfRemote(seeded.CustomerId as string);
    expect(await db.customer.findUniqueOrThrow({ where: { id: link.entityId } })).toMatchObject({ kind: "company", name: "Harbour Plumbing" });

    later();
    ascora.fake.state.editCustomer(seeded.CustomerId as string, { CompanyName: "Harbour Plumbing & Gas" });
    await pull();
    expect(await db.customer.findUniqueOrThrow({ where: { id: link.entityId } })).toMatchObject({ kind: "company", name: "Harbour Plumbing & Gas" });
  });

  it("a contact person with a CompanyName stays a person whose legal name is the company; the round trip is stable", async () => {
    const seeded = ascora.fake.state.seedCustomer({ CompanyName: "Reyes Electrical", FirstName: "Ana", LastName: "Reyes", Email: "ana@reyes.test" });
    later();
    await pull();
    const link = await linkOfRemote(seeded.CustomerId as string);
    expect(await db.customer.findUniqueOrThrow({ where: { id: link.entityId } })).toMatchObject({ kind: "person", name: "Ana Reyes", legalName: "Reyes Electrical" });

    // Seen again (the cursor overlaps): nothing differs, so nothing is pushed back to Ascora.
    await pull();
    expect(await pendingPushes(link.entityId)).toBe(0);
    expect(ascora.fake.state.customers.get(seeded.CustomerId as string)).toMatchObject({ CompanyName: "Reyes Electrical", FirstName: "Ana", LastName: "Reyes" });
  });

  it("a company made here goes to Ascora as its CompanyName; a person's legal name goes there too, and its changes follow", async () => {
    const company = await createCustomer(db, { name: "Northwind Traders", kind: "company", email: "orders@northwind.test" });
    const person = await createCustomer(db, { name: "Sam Carter", kind: "person", email: "sam@carter.test", legalName: "Carter Consulting" });
    await ascora.drain();
    expect(remoteOf(company.id)[0]).toMatchObject({ CompanyName: "Northwind Traders", LastName: "Northwind Traders" });
    expect(remoteOf(person.id)[0]).toMatchObject({ CompanyName: "Carter Consulting", FirstName: "Sam", LastName: "Carter" });

    await updateCustomer(db, person.id, { name: "Sam Carter", kind: "person", email: "sam@carter.test", legalName: "Carter & Co" });
    await ascora.drain();
    expect(remoteOf(person.id)).toHaveLength(1);
    expect(remoteOf(person.id)[0]!.CompanyName).toBe("Carter & Co");
  });
});

describe("a customer Ascora already has", () => {
  it("is adopted by e-mail when pushed from here, not duplicated; one that carries another id is left alone", async () => {
    const existing = ascora.fake.state.seedCustomer({ FirstName: "Omar", LastName: "Onboard", Email: "Omar@Onboard.test", Suburb: "Hobart" });
    const claimed = ascora.fake.state.seedCustomer({ FirstName: "Cleo", LastName: "Claimed", Email: "cleo@onboard.test", ExternalReference: "someone-else" });
    const omar = await createCustomer(db, { name: "Omar Onboard", kind: "person", email: "omar@onboard.test", phone: "+61 3 5550 1111" });
    const cleo = await createCustomer(db, { name: "Cleo Claimed", kind: "person", email: "cleo@onboard.test" });
    await ascora.drain();

    expect(remoteOf(omar.id).map((c) => c.CustomerId)).toEqual([existing.CustomerId]);
    expect(ascora.fake.state.customers.get(existing.CustomerId as string)).toMatchObject({ Phone: "+61 3 5550 1111", ExternalReference: omar.id });
    expect((await linkOfLocal(omar.id)).externalId).toBe(existing.CustomerId);
    expect([...ascora.fake.state.customers.values()].filter((c) => String(c.Email).toLowerCase() === "omar@onboard.test")).toHaveLength(1);
    // Cleo's e-mail belongs to an Ascora customer already linked elsewhere: a new one is made.
    expect(remoteOf(cleo.id)).toHaveLength(1);
    expect(remoteOf(cleo.id)[0]!.CustomerId).not.toBe(claimed.CustomerId);
  });
});

describe("deletions in Ascora", () => {
  it("a pull marks the link of a customer deleted in Ascora REMOTE_DELETED once, keeps the local customer, and never recreates it", async () => {
    const kept = await createCustomer(db, { name: "Kept Customer", kind: "person", email: "kept@deleted.test" });
    const gone = await createCustomer(db, { name: "Gone Customer", kind: "person", email: "gone@deleted.test" });
    await ascora.drain();
    const remoteGone = remoteOf(gone.id)[0]!;
    await pull();

    // Deleted in Ascora's own UI.
    later();
    const res = await fetch(`${new URL(ascora.fake.url).origin}/__control/customers/${remoteGone.CustomerId as string}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    const first = await pull();
    expect(first.deleted).toBe(1);
    expect((await linkOfLocal(gone.id)).status).toBe("REMOTE_DELETED");
    expect((await linkOfLocal(kept.id)).status).toBe("SYNCED");
    expect(await db.customer.findUnique({ where: { id: gone.id } })).not.toBeNull();
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: first.runId } });
    expect(run.message).toContain("1 deleted in the CRM");

    // The tombstone comes again (the cursor overlaps) but is counted once.
    expect((await pull()).deleted).toBe(0);

    // An edit here afterwards does not bring it back in Ascora.
    await updateCustomer(db, gone.id, { name: "Gone Customer", kind: "person", email: "gone@deleted.test", phone: "+61 3 5550 0000" });
    await ascora.drain();
    expect(remoteOf(gone.id)).toHaveLength(0);
    expect((await linkOfLocal(gone.id)).status).toBe("REMOTE_DELETED");
  });
});

describe("conflicts", () => {
  it("a manual field edited on both sides becomes a conflict on the dashboard, settled by keeping ours, taking Ascora's or a merge", async () => {
    for (const [localPath, remoteField] of [
      ["phone", "Phone"],
      ["taxId", "ABN"],
      ["address.city", "Suburb"],
    ] as const) {
      await saveFieldMapping(db, { connectionId: ascora.connection.id, entity: "customer", module: "Customers", localPath, remoteField, ownerRule: "manual" });
    }
    const c = await createCustomer(db, { name: "Clash Customer", kind: "person", email: "clash@conflict.test", phone: "100", taxId: "ABN-1", city: "Geelong" });
    await ascora.drain();
    const [remote] = remoteOf(c.id);
    await pull();

    await updateCustomer(db, c.id, { name: "Clash Customer", kind: "person", email: "clash@conflict.test", phone: "111", taxId: "ABN-LOCAL", city: "Ballarat" });
    later();
    ascora.fake.state.editCustomer(remote!.CustomerId as string, { Phone: "222", ABN: "ABN-REMOTE", Suburb: "Bendigo" });
    const r = await pull();
    expect(r.conflicts).toBe(1);

    const open = await listOpenConflicts(db, { connectionId: ascora.connection.id, entityId: c.id });
    const byField = Object.fromEntries(open.map((o) => [o.field, o]));
    expect(Object.keys(byField).sort()).toEqual(["address.city", "phone", "taxId"]);
    expect(byField.phone).toMatchObject({ localValue: "111", remoteValue: "222", remoteField: "Phone" });
    // Neither side is overwritten while the conflict waits, even by the waiting local push.
    await ascora.drain();
    expect(ascora.fake.state.customers.get(remote!.CustomerId as string)).toMatchObject({ Phone: "222", ABN: "ABN-REMOTE", Suburb: "Bendigo" });
    expect(await db.customer.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ phone: "111", taxId: "ABN-LOCAL", city: "Ballarat" });

    const user = await db.user.create({ data: { email: "ascora-resolver@example.test" } });
    await resolveSyncConflict(db, { conflictId: byField.phone!.id, choice: "local", userId: user.id });
    await resolveSyncConflict(db, { conflictId: byField.taxId!.id, choice: "remote", userId: user.id });
    await resolveSyncConflict(db, { conflictId: byField["address.city"]!.id, choice: "merge", mergedValue: "Bendigo East", userId: user.id });
    await ascora.drain();
    expect(ascora.fake.state.customers.get(remote!.CustomerId as string)).toMatchObject({ Phone: "111", ABN: "ABN-REMOTE", Suburb: "Bendigo East" });
    expect(await db.customer.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ phone: "111", taxId: "ABN-REMOTE", city: "Bendigo East" });
    expect(await listOpenConflicts(db, { connectionId: ascora.connection.id, entityId: c.id })).toHaveLength(0);
  });
});
