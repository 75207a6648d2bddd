/**
 * Ascora customers through the engine, both ways: pulls create and update
 * local customers, local changes push to Ascora carrying our id, and one
 * Customer row holds both its Vtiger and its Ascora id.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer, updateCustomer } from "@/server/customers/save-customer";
import { pullConnection } from "../../engine/pull-changes";
import { keyOf } from "../../engine/handlers/push-record";
import { entityAdapter } from "../../entities/entity-adapter";
import { startAscoraKit, startVtigerAndAscoraKits } from "../../testing/ascora-test-kit";
import { contactsOf } from "../../testing/crm-test-kit";
import { ASCORA_ENTITY_MODULES } from "./ascora-defaults";

const kits = startVtigerAndAscoraKits();

const remoteOf = (localId: string) => [...kits.ascora.fake.state.customers.values()].filter((c) => c.ExternalReference === localId);

describe("Ascora customers through the sync engine", () => {
  it("a customer made here reaches Vtiger and Ascora, and the one Customer row keeps both ids", async () => {
    const c = await createCustomer(db, { name: "Grace Hopper", kind: "person", email: "grace@example.test", phone: "+61 8 5550 1000", city: "Perth" });
    expect((await kits.ascora.drain()).succeeded).toBe(1);
    expect((await kits.vtiger.drain()).succeeded).toBe(1);
    const [remote] = remoteOf(c.id);
    expect(remote).toMatchObject({ FirstName: "Grace", LastName: "Hopper", Email: "grace@example.test", Suburb: "Perth" });
    const row = await db.customer.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.externalIds).toMatchObject({
      [keyOf("ascora", kits.ascora.connection.id)]: remote!.CustomerId,
      [keyOf("vtiger", kits.vtiger.connection.id)]: contactsOf(kits.vtiger.fake, c.id)[0]!.id,
    });
    const link = await db.syncLink.findUniqueOrThrow({
      where: { connectionId_entity_entityId: { connectionId: kits.ascora.connection.id, entity: "customer", entityId: c.id } },
    });
    expect(link).toMatchObject({ status: "SYNCED", module: "Customers", externalId: remote!.CustomerId });
    expect(link.remoteUrl).toBe(`${new URL(kits.ascora.fake.url).origin}/Customers/Details/${remote!.CustomerId}`);

    await updateCustomer(db, c.id, { name: "Grace Hopper", kind: "person", email: "grace@example.test", phone: "+61 8 5550 2000", city: "Perth" });
    await kits.ascora.drain();
    expect(remoteOf(c.id)).toHaveLength(1);
    expect(remoteOf(c.id)[0]!.Phone).toBe("+61 8 5550 2000");
  });

  it("a pull creates a customer for a new Ascora record and applies later Ascora edits", async () => {
    const seeded = kits.ascora.fake.state.seedCustomer({ FirstName: "Katherine", LastName: "Johnson", Email: "kj@example.test", Suburb: "Hampton" });
    const first = await pullConnection(db, kits.ascora.connection.id, { trigger: "manual" });
    expect(first.created).toBeGreaterThanOrEqual(1);
    const link = await db.syncLink.findFirstOrThrow({ where: { connectionId: kits.ascora.connection.id, externalId: seeded.CustomerId as string } });
    const local = await db.customer.findUniqueOrThrow({ where: { id: link.entityId } });
    expect(local).toMatchObject({ name: "Katherine Johnson", email: "kj@example.test", city: "Hampton" });
    kits.ascora.fake.state.advance(2_000);
    kits.ascora.fake.state.editCustomer(seeded.CustomerId as string, { Suburb: "Newport News" });
    const second = await pullConnection(db, kits.ascora.connection.id, { trigger: "manual" });
    expect(second.updated).toBe(1);
    expect((await db.customer.findUniqueOrThrow({ where: { id: link.entityId } })).city).toBe("Newport News");
    // The customer pulled from Ascora goes on to Vtiger, not back to Ascora.
    expect(await db.syncQueueItem.count({ where: { connectionId: kits.ascora.connection.id, entityId: link.entityId, status: "PENDING" } })).toBe(0);
  });

  it("a create whose answer was lost (timeout after Ascora stored it) is adopted on retry, not duplicated", async () => {
    kits.ascora.fake.setFault({ type: "timeout_after_success", path: "/customers", method: "POST", delayMs: 5_000, times: 1 });
    const c = await createCustomer(db, { name: "Mary Jackson", kind: "person", email: "mary@example.test" });
    // The drain's own retry (backoff 0 here) looks the record up by our id and adopts it.
    const result = await kits.ascora.drain();
    expect(result).toMatchObject({ failed: 1, succeeded: 1 });
    const item = await db.syncQueueItem.findFirstOrThrow({ where: { connectionId: kits.ascora.connection.id, entityId: c.id } });
    expect(item).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    expect(remoteOf(c.id)).toHaveLength(1);
    const timeouts = await db.syncCallLog.count({ where: { connectionId: kits.ascora.connection.id, errorKind: "timeout", operation: "customers.create" } });
    expect(timeouts).toBe(1);
  });

  it("a refused password sends the push to the dead letter as an auth failure", async () => {
    const wrong = await startAscoraKit({ password: "wrong", name: "Wrong Ascora" });
    try {
      const c = await createCustomer(db, { name: "Dorothy Vaughan", kind: "person" });
      await wrong.drain();
      const item = await db.syncQueueItem.findFirstOrThrow({ where: { connectionId: wrong.connection.id, entityId: c.id } });
      expect(item).toMatchObject({ status: "DEAD", lastErrorKind: "auth" });
      expect(item.lastError).toContain("HTTP 401");
    } finally {
      await wrong.close();
    }
  });

  it("has an adapter for each Ascora entity it stores locally, and names a module for every kind", async () => {
    expect(entityAdapter("external_invoice")?.entity).toBe("external_invoice");
    expect(entityAdapter("external_payment")?.entity).toBe("external_payment");
    expect(Object.keys(ASCORA_ENTITY_MODULES).sort()).toEqual(["customer", "external_invoice", "external_payment", "field_job", "job_attachment", "job_note"]);
  });
});
