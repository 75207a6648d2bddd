/**
 * A customer pulled from Ascora whose e-mail Switchboard already knows is
 * that customer, not a new one: one Customer row carries its Vtiger and its
 * Ascora id. Only an unambiguous match is taken (exactly one customer with
 * the e-mail, not linked to another record of the same connection). The
 * engine does it for any CRM, so Vtiger pulls match too.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer } from "@/server/customers/save-customer";
import { pullConnection } from "../../engine/pull-changes";
import { keyOf } from "../../engine/handlers/push-record";
import { startVtigerAndAscoraKits } from "../../testing/ascora-test-kit";
import { contactsOf } from "../../testing/crm-test-kit";

const kits = startVtigerAndAscoraKits();

const pull = () => pullConnection(db, kits.ascora.connection.id, { trigger: "manual" });
const withEmail = (email: string) => db.customer.findMany({ where: { email: { equals: email, mode: "insensitive" } }, orderBy: { createdAt: "asc" } });
const ascoraLink = (externalId: string) => db.syncLink.findFirstOrThrow({ where: { connectionId: kits.ascora.connection.id, externalId } });
const remoteWithEmail = (email: string) =>
  [...kits.ascora.fake.state.customers.values()].filter((c) => String(c.Email ?? "").toLowerCase() === email.toLowerCase());

describe("matching a pulled Ascora customer to an existing customer by e-mail", () => {
  it("links the one customer with that e-mail (any case): no duplicate here or in Ascora, both CRM ids on one row, fields settled by owner rule", async () => {
    const seeded = kits.ascora.fake.state.seedCustomer({
      FirstName: "Ada",
      LastName: "Lovelace",
      Email: "Ada.Lovelace@Match.test",
      Phone: "+61 2 5550 0001",
      Suburb: "Marylebone",
    });
    const local = await createCustomer(db, { name: "Ada Lovelace", kind: "person", email: "ada.lovelace@match.test", phone: "+61 2 5550 9999" });
    expect((await kits.vtiger.drain()).succeeded).toBe(1);

    const first = await pull();
    expect(first.created).toBe(0);
    expect(await withEmail("ada.lovelace@match.test")).toHaveLength(1);
    // Linked, with its push still to come.
    expect(await ascoraLink(seeded.CustomerId as string)).toMatchObject({ entityId: local.id, status: "PENDING" });

    // The waiting create push finds the link and reconciles instead of creating a second Ascora customer.
    await kits.ascora.drain();
    expect((await ascoraLink(seeded.CustomerId as string)).status).toBe("SYNCED");
    expect(remoteWithEmail("ada.lovelace@match.test")).toHaveLength(1);
    const remote = kits.ascora.fake.state.customers.get(seeded.CustomerId as string)!;
    // The CRM owns the address (it filled the gap here); the newer local phone went to Ascora; our id is on the record.
    expect(remote).toMatchObject({ Phone: "+61 2 5550 9999", ExternalReference: local.id, Suburb: "Marylebone" });
    const row = await db.customer.findUniqueOrThrow({ where: { id: local.id } });
    expect(row).toMatchObject({ city: "Marylebone", phone: "+61 2 5550 9999", email: "ada.lovelace@match.test" });
    expect(row.externalIds).toEqual({
      [keyOf("vtiger", kits.vtiger.connection.id)]: contactsOf(kits.vtiger.fake, local.id)[0]!.id,
      [keyOf("ascora", kits.ascora.connection.id)]: seeded.CustomerId,
    });
    // The city it took from Ascora goes on to Vtiger; nothing new was made there.
    await kits.vtiger.drain();
    expect(contactsOf(kits.vtiger.fake, local.id)).toHaveLength(1);
    expect(contactsOf(kits.vtiger.fake, local.id)[0]!.fields.mailingcity).toBe("Marylebone");

    // Seen again unchanged by the next pull: still one customer, nothing queued.
    kits.ascora.fake.state.advance(1_000);
    await pull();
    expect(await withEmail("ada.lovelace@match.test")).toHaveLength(1);
    expect(await db.syncQueueItem.count({ where: { connectionId: kits.ascora.connection.id, entityId: local.id, status: "PENDING" } })).toBe(0);
  });

  it("makes a new customer, with a note on its link, when two customers here share the e-mail", async () => {
    const a = await db.customer.create({ data: { name: "Twin One", kind: "person", email: "twin@match.test" } });
    const b = await db.customer.create({ data: { name: "Twin Two", kind: "person", email: "twin@match.test" } });
    const seeded = kits.ascora.fake.state.seedCustomer({ FirstName: "Twin", LastName: "Three", Email: "TWIN@match.test" });
    kits.ascora.fake.state.advance(1_000);

    const result = await pull();
    expect(result.created).toBe(1);
    const link = await ascoraLink(seeded.CustomerId as string);
    expect([a.id, b.id]).not.toContain(link.entityId);
    expect(link.lastError).toBe("2 customers here have the e-mail twin@match.test; made a new customer rather than guess which one this is");
    expect((await withEmail("twin@match.test")).map((c) => c.name)).toEqual(["Twin One", "Twin Two", "Twin Three"]);
    expect(await db.syncLink.count({ where: { entityId: { in: [a.id, b.id] } } })).toBe(0);
  });

  it("makes a new customer when the one customer with the e-mail is already linked to another Ascora customer", async () => {
    const taken = await db.customer.create({ data: { name: "Taken Person", kind: "person", email: "taken@match.test" } });
    const first = kits.ascora.fake.state.seedCustomer({ FirstName: "Taken", LastName: "Person", Email: "taken@match.test" });
    kits.ascora.fake.state.advance(1_000);
    await pull();
    expect((await ascoraLink(first.CustomerId as string)).entityId).toBe(taken.id);

    // A second Ascora record with the same e-mail (Ascora allows it): not folded into the first.
    const second = kits.ascora.fake.state.seedCustomer({ FirstName: "Other", LastName: "Person", Email: "Taken@Match.test" });
    kits.ascora.fake.state.advance(1_000);
    const result = await pull();
    expect(result.created).toBe(1);
    const link = await ascoraLink(second.CustomerId as string);
    expect(link.entityId).not.toBe(taken.id);
    expect(link.lastError).toBe(`The customer with the e-mail taken@match.test is already linked to ${first.CustomerId as string} of this connection; made a new customer`);
    expect((await db.customer.findUniqueOrThrow({ where: { id: link.entityId } })).name).toBe("Other Person");
  });

  it("Vtiger pulls match the same way: a Vtiger contact with a known e-mail links to that customer", async () => {
    const local = await db.customer.create({ data: { name: "Grace Known", kind: "person", email: "grace.known@match.test" } });
    const contact = kits.vtiger.fake.records.seed({ module: "Contacts", fields: { firstname: "Grace", lastname: "Known", email: "Grace.Known@Match.test" } });
    const result = await pullConnection(db, kits.vtiger.connection.id, { trigger: "manual" });
    expect(result.created).toBe(0);
    const link = await db.syncLink.findFirstOrThrow({ where: { connectionId: kits.vtiger.connection.id, externalId: contact.id } });
    expect(link.entityId).toBe(local.id);
    expect(await withEmail("grace.known@match.test")).toHaveLength(1);
  });
});
