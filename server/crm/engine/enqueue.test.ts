import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer, updateCustomer } from "@/server/customers/save-customer";
import { enqueueCustomerSync } from "@/server/customers/queue-customer-push";
import { startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { enqueueRecordChange } from "./enqueue";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
afterAll(async () => {
  await kit.close();
});

describe("enqueue", () => {
  it("writes nothing when the change's transaction rolls back", async () => {
    const before = await db.syncQueueItem.count();
    const linksBefore = await db.syncLink.count();
    await expect(
      db.$transaction(async (tx) => {
        const c = await tx.customer.create({ data: { name: "Rolled Back", kind: "person" } });
        const items = await enqueueCustomerSync(tx, c.id, "CREATE");
        expect(items).toHaveLength(1);
        throw new Error("the change fails after enqueueing");
      }),
    ).rejects.toThrow("the change fails");
    expect(await db.syncQueueItem.count()).toBe(before);
    expect(await db.customer.count({ where: { name: "Rolled Back" } })).toBe(0);
    expect(await db.syncLink.count()).toBe(linksBefore);
  });

  it("commits the queue item with the change and wakes the worker only after commit", async () => {
    kit.woken.length = 0;
    const c = await createCustomer(db, { name: "Ada Lovelace", email: "ada@example.test", phone: "+61 400 000 000" });
    const items = await db.syncQueueItem.findMany({ where: { entityId: c.id } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ operation: "CREATE", status: "PENDING", attempts: 0, entity: "customer", connectionId: kit.connection.id });
    expect(items[0]!.correlationId).toMatch(/[0-9a-f-]{36}/);
    expect(items[0]!.idempotencyKey).toBeTruthy();
    expect(kit.woken).toEqual([kit.connection.id]);
    const link = await db.syncLink.findUniqueOrThrow({
      where: { connectionId_entity_entityId: { connectionId: kit.connection.id, entity: "customer", entityId: c.id } },
    });
    expect(link.status).toBe("PENDING");
  });

  it("collapses several waiting pushes of one record into one item", async () => {
    const c = await createCustomer(db, { name: "Grace Hopper", email: "grace@example.test", phone: "1" });
    await updateCustomer(db, c.id, { name: "Grace Hopper", email: "grace@example.test", phone: "2" });
    await updateCustomer(db, c.id, { name: "Grace Hopper", email: "grace@example.test", phone: "3" });
    const pushes = await db.syncQueueItem.findMany({ where: { entityId: c.id, operation: { in: ["CREATE", "UPDATE"] } } });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ operation: "CREATE", coalescedCount: 3, status: "PENDING" });

    // One push carries the latest state.
    await kit.drain();
    const remote = kit.fake.records.list("Contacts").filter((r) => r.fields.cf_switchboard_id === c.id);
    expect(remote).toHaveLength(1);
    expect(remote[0]!.fields.phone).toBe("3");
    expect(kit.fake.calls.filter((x) => x.operation === "create" && x.elementType === "Contacts")).toHaveLength(2);
  });

  it("does not fold a change into an item that is already being processed", async () => {
    const c = await createCustomer(db, { name: "Busy Record", email: "busy@example.test", phone: "1" });
    await db.syncQueueItem.updateMany({ where: { entityId: c.id }, data: { status: "PROCESSING", coalesceKey: null } });
    await db.$transaction((tx) => enqueueRecordChange(tx, { entity: "customer", entityId: c.id, operation: "UPDATE" }));
    const items = await db.syncQueueItem.findMany({ where: { entityId: c.id }, orderBy: { createdAt: "asc" } });
    expect(items.map((i) => i.status)).toEqual(["PROCESSING", "PENDING"]);
  });

  it("lets a delete replace a waiting update", async () => {
    const c = await db.customer.create({ data: { name: "Short Lived" } });
    await db.$transaction((tx) => enqueueCustomerSync(tx, c.id, "UPDATE"));
    await db.$transaction((tx) => enqueueCustomerSync(tx, c.id, "DELETE"));
    const items = await db.syncQueueItem.findMany({ where: { entityId: c.id } });
    expect(items).toHaveLength(1);
    expect(items[0]!.operation).toBe("DELETE");
  });
});
